package dev.vitals.probes.jdbc;

import dev.vitals.test.ProbeCompatibilityKit;
import dev.vitals.test.SilentServer;
import java.util.List;
import java.util.Map;

/**
 * The compatibility kit for the {@code jdbc} type: an H2 database that works, an H2 TCP URL with
 * nothing listening, and a PostgreSQL URL pointed at a server that accepts and never answers (the
 * driver waits for the handshake; the probe's own limits must end it).
 */
class H2ProbeCompatibilityTest extends ProbeCompatibilityKit {

  private static final String PASSWORD = "kit-Secret-pw1";

  @Override
  protected String type() {
    return "jdbc";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("url", "jdbc:h2:mem:kit", "username", "sa", "password", PASSWORD);
  }

  @Override
  protected Map<String, String> downSettings() {
    return Map.of("url", "jdbc:h2:tcp://127.0.0.1:" + Ports.closedPort() + "/mem:kit",
        "username", "sa", "password", PASSWORD);
  }

  /** A network probe sets its client's limits below its timeout: the kit's stricter check applies. */
  @Override
  protected boolean honoursOwnTimeout() {
    return true;
  }

  @Override
  protected Map<String, String> hangingSettings(SilentServer silent) {
    return Map.of("url", "jdbc:postgresql://" + silent.host() + ":" + silent.port() + "/app?password=" + PASSWORD,
        "username", "probe");
  }

  @Override
  protected List<String> secrets() {
    return List.of(PASSWORD);
  }
}
