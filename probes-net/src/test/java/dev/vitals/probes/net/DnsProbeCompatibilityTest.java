package dev.vitals.probes.net;

import dev.vitals.test.ProbeCompatibilityKit;
import dev.vitals.test.SilentServer;
import java.net.SocketException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The probe kit for type {@code dns}: a real DNS server on loopback UDP, a port where none listens, and a DNS
 * server that reads queries and never answers (the kit's silent TCP server does not apply to a UDP protocol).
 * The probe gives up at its own timeout.
 */
class DnsProbeCompatibilityTest extends ProbeCompatibilityKit {

  private final TestDnsServer dns;
  private TestDnsServer silentDns;

  DnsProbeCompatibilityTest() throws Exception {
    dns = new TestDnsServer().a("kit.vitals.test", "192.0.2.1");
  }

  @AfterEach
  void stopServers() {
    dns.close();
    if (silentDns != null) {
      silentDns.close();
    }
  }

  @Override
  protected String type() {
    return "dns";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("name", "kit.vitals.test", "server", dns.address(), "expect", "192.0.2.1");
  }

  @Override
  protected Map<String, String> downSettings() {
    try {
      TestDnsServer gone = new TestDnsServer();
      String address = gone.address();
      gone.close();
      return Map.of("name", "kit.vitals.test", "server", address);
    } catch (SocketException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Map<String, String> hangingSettings(SilentServer silent) {
    try {
      silentDns = new TestDnsServer().silent();
    } catch (SocketException e) {
      throw new IllegalStateException(e);
    }
    return Map.of("name", "kit.vitals.test", "server", silentDns.address());
  }

  @Override
  protected boolean honoursOwnTimeout() {
    return true;
  }
}
