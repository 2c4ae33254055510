package dev.vitals.probes.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad settings of both types fail at creation, every one at once, naming the full key, the value and what is allowed. */
class FactoryTest {

  private static ConfigException smtpError(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "smtp");
    return org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> new SmtpProbeFactory().create(ProbeConfig.of("mail", all)));
  }

  private static ConfigException dnsError(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "dns");
    return org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> new DnsProbeFactory().create(ProbeConfig.of("names", all)));
  }

  @Test
  void smtpReportsEveryBadValueAtOnceWithItsFullKey() {
    ConfigException e = smtpError(Map.of("port", "70000", "starttls", "maybe", "tls", "ssl",
        "helo-name", "evil\r\nRCPT TO:<x>", "certificate-expiry-degraded", "soon", "trust-certificates", "/no/such/ca.pem"));
    assertThat(e.problems()).hasSize(7);
    assertThat(String.join("\n", e.problems())).contains("vitals.probes.mail.host", "vitals.probes.mail.port",
        "vitals.probes.mail.starttls", "'maybe'", "required", "vitals.probes.mail.tls", "implicit",
        "vitals.probes.mail.helo-name", "vitals.probes.mail.certificate-expiry-degraded",
        "vitals.probes.mail.trust-certificates", "it does not exist");
  }

  @Test
  void smtpPort465MeansImplicitTlsWhereStartTlsIsRefused() {
    assertThat(new SmtpProbeFactory().create(ProbeConfig.of("mail", Map.of("type", "smtp", "host", "mx.example.com",
        "port", "465"))).toString()).contains("tls=implicit");
    assertThat(new SmtpProbeFactory().create(ProbeConfig.of("mail", Map.of("type", "smtp", "host", "mx.example.com")))
        .toString()).contains(":25", "starttls=optional");
    ConfigException e = smtpError(Map.of("host", "mx.example.com", "port", "465", "starttls", "required"));
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).contains("vitals.probes.mail.starttls",
        "no starttls with implicit TLS"));
  }

  @Test
  void smtpRefusesAHostWithASchemeOrPort() {
    assertThat(smtpError(Map.of("host", "smtp://mx.example.com:25")).problems()).singleElement()
        .satisfies(p -> assertThat(p).contains("vitals.probes.mail.host", "the port is the key port"));
  }

  @Test
  void dnsReportsEveryBadValueAtOnceWithItsFullKey() {
    ConfigException e = dnsError(Map.of("name", "bad name!", "record", "MX", "server", "dns.example.com:99999"));
    assertThat(e.problems()).hasSize(3);
    assertThat(String.join("\n", e.problems())).contains("vitals.probes.names.name", "vitals.probes.names.record",
        "A, AAAA, CNAME or SRV", "vitals.probes.names.server", "port 1 to 65535");
    assertThat(dnsError(Map.of()).problems()).singleElement().satisfies(p -> assertThat(p).contains("vitals.probes.names.name"));
  }

  @Test
  void dnsExpectMustFitTheRecordType() {
    assertThat(dnsError(Map.of("name", "www.example.com", "expect", "2001:db8::1")).problems()).singleElement()
        .satisfies(p -> assertThat(p).contains("vitals.probes.names.expect", "IPv4"));
    assertThat(dnsError(Map.of("name", "www.example.com", "record", "AAAA", "expect", "192.0.2.1")).problems())
        .singleElement().satisfies(p -> assertThat(p).contains("IPv6"));
    assertThat(dnsError(Map.of("name", "_sip._tcp.example.com", "record", "srv", "expect", "sip.example.com:0"))
        .problems()).singleElement().satisfies(p -> assertThat(p).contains(":port"));
    assertThat(new DnsProbeFactory().create(ProbeConfig.of("names", Map.of("type", "dns", "name", "_sip._tcp.example.com",
        "record", "SRV", "expect", "sip.example.com:5060, sip2.example.com", "server", "[::1]:5353"))).toString())
        .isEqualTo("DnsProbe[names, SRV _sip._tcp.example.com at [::1]:5353]");
  }
}
