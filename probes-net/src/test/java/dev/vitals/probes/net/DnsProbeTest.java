package dev.vitals.probes.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dns probe against a real DNS server on loopback UDP ({@link TestDnsServer}). */
class DnsProbeTest {

  private TestDnsServer dns;

  @BeforeEach
  void start() throws Exception {
    dns = new TestDnsServer()
        .a("www.vitals.test", "192.0.2.10", "192.0.2.11")
        .aaaa("www.vitals.test", "2001:db8::10")
        .cname("alias.vitals.test", "lb.vitals.test")
        .srv("_sip._tcp.vitals.test", 10, 5, 5060, "sip1.vitals.test")
        .srv("_sip._tcp.vitals.test", 20, 5, 5061, "sip2.vitals.test")
        .a("only-a.vitals.test", "192.0.2.20");
  }

  @AfterEach
  void stop() {
    dns.close();
  }

  static Probe probe(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "dns");
    all.putIfAbsent("timeout", "1s");
    return new DnsProbeFactory().create(ProbeConfig.of("dns-test", all));
  }

  private Map<String, String> at(String name, String record) {
    Map<String, String> m = new HashMap<>();
    m.put("name", name);
    m.put("record", record);
    m.put("server", dns.address());
    return m;
  }

  @Test
  void aRecordsAreUpWithTheAnswersAndTheTimeAsDetails() throws Exception {
    ProbeResult r = probe(at("www.vitals.test", "A")).check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("answers", "192.0.2.10, 192.0.2.11").containsEntry("answerCount", 2)
        .containsEntry("record", "A").containsEntry("name", "www.vitals.test").containsEntry("server", dns.address())
        .containsKey("lookupMs");
    assertThat(dns.queries()).isEqualTo(1);
  }

  @Test
  void aaaaCnameAndSrvRecordsAreAnswered() throws Exception {
    assertThat(probe(at("www.vitals.test", "AAAA")).check().details()).containsEntry("answers", "2001:db8:0:0:0:0:0:10");
    assertThat(probe(at("alias.vitals.test", "CNAME")).check().details().get("answers").toString())
        .isIn("lb.vitals.test.", "lb.vitals.test");
    ProbeResult srv = probe(at("_sip._tcp.vitals.test", "SRV")).check();
    assertThat(srv.status()).isEqualTo(Status.UP);
    assertThat(srv.details().get("answers").toString()).contains("10 5 5060 sip1.vitals.test", "20 5 5061 sip2.vitals.test");
  }

  @Test
  void expectMatchingEveryAnswerIsUp() throws Exception {
    Map<String, String> s = at("www.vitals.test", "A");
    s.put("expect", "192.0.2.11, 192.0.2.10");
    assertThat(probe(s).check().status()).isEqualTo(Status.UP);
    Map<String, String> v6 = at("www.vitals.test", "AAAA");
    v6.put("expect", "2001:DB8:0::10");
    assertThat(probe(v6).check().status()).isEqualTo(Status.UP);
    Map<String, String> srv = at("_sip._tcp.vitals.test", "SRV");
    srv.put("expect", "sip1.vitals.test:5060, SIP2.vitals.test.");
    assertThat(probe(srv).check().status()).isEqualTo(Status.UP);
  }

  @Test
  void someAnswersOutsideExpectAreDegraded() throws Exception {
    Map<String, String> s = at("www.vitals.test", "A");
    s.put("expect", "192.0.2.10");
    ProbeResult r = probe(s).check();
    assertThat(r.status()).isEqualTo(Status.DEGRADED);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("unexpected 192.0.2.11"));
  }

  @Test
  void noAnswerInExpectIsDown() throws Exception {
    Map<String, String> s = at("alias.vitals.test", "CNAME");
    s.put("expect", "old-lb.vitals.test");
    ProbeResult r = probe(s).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("none of the expected old-lb.vitals.test"));
    Map<String, String> srv = at("_sip._tcp.vitals.test", "SRV");
    srv.put("expect", "sip1.vitals.test:5061");
    assertThat(probe(srv).check().status()).isEqualTo(Status.DOWN);
  }

  @Test
  void nxdomainIsDownNoSuchName() throws Exception {
    ProbeResult r = probe(at("missing.vitals.test", "A")).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValue("no such name: missing.vitals.test (NXDOMAIN from " + dns.address() + ")");
  }

  @Test
  void aNameWithoutRecordsOfTheTypeIsDown() throws Exception {
    ProbeResult r = probe(at("only-a.vitals.test", "AAAA")).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).startsWith("no AAAA record for only-a.vitals.test"));
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithinTheProbesTimeout() throws Exception {
    dns.silent();
    long start = System.nanoTime();
    ProbeResult r = probe(at("www.vitals.test", "A")).check();
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValue("timed out after 1s waiting for " + dns.address() + " to answer A www.vitals.test");
    assertThat(tookMs).isLessThan(1000);
    assertThat(dns.queries()).isEqualTo(2); // the first try and one retry
  }

  @Test
  void aStoppedServerIsDownAndTheProbeRecoversWhenItReturns() throws Exception {
    Probe p = probe(at("www.vitals.test", "A"));
    assertThat(p.check().status()).isEqualTo(Status.UP);
    int port = dns.port();
    String address = dns.address();
    dns.close();
    ProbeResult down = p.check();
    assertThat(down.status()).isEqualTo(Status.DOWN);
    assertThat(down.message())
        .hasValue("no DNS server at " + address + " (port unreachable: nothing listens there) for A www.vitals.test");
    dns = new TestDnsServer(port).a("www.vitals.test", "192.0.2.10");
    assertThat(p.check().status()).isEqualTo(Status.UP);
  }

  @Test
  void withoutAServerAAndAaaaUseTheSystemResolver() throws Exception {
    ProbeResult r = probe(Map.of("name", "localhost", "expect", "127.0.0.1")).check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("server", "system").containsEntry("answers", "127.0.0.1");
    ProbeResult none = probe(Map.of("name", "no-such-host.invalid")).check();
    assertThat(none.status()).isEqualTo(Status.DOWN);
    assertThat(none.message()).hasValueSatisfying(m -> assertThat(m).startsWith("no such name: no-such-host.invalid"));
  }
}
