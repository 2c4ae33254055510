package dev.vitals.notifier.email;

import dev.vitals.api.Alert;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Alerts as the monitor makes them: a trigger, a reminder and a resolve of one incident. */
final class Alerts {

  static final Instant STARTS_AT = Instant.parse("2026-11-27T10:00:00Z");

  private Alerts() {}

  static Alert firing() {
    return new Alert("probe-down", "db", Alert.State.FIRING, Alert.Severity.CRITICAL,
        "db is DOWN: Connection refused", 1, 1, "status", STARTS_AT, STARTS_AT.plusSeconds(30), false,
        Optional.of("https://status.example.com/status"), Map.of("kind", "probe", "type", "jdbc"));
  }

  static Alert reminder() {
    return new Alert("probe-down", "db", Alert.State.FIRING, Alert.Severity.CRITICAL,
        "db is DOWN: Connection refused", 1, 1, "status", STARTS_AT, STARTS_AT.plusSeconds(4 * 3600 + 30), true,
        Optional.of("https://status.example.com/status"), Map.of("kind", "probe", "type", "jdbc"));
  }

  static Alert resolved() {
    return new Alert("probe-down", "db", Alert.State.RESOLVED, Alert.Severity.CRITICAL,
        "resolved: db is UP", 0, 1, "status", STARTS_AT, STARTS_AT.plusSeconds(5 * 3600 + 12 * 60 + 5), false,
        Optional.of("https://status.example.com/status"), Map.of("kind", "probe", "type", "jdbc"));
  }

  static Alert latency() {
    return new Alert("latency", "api", Alert.State.FIRING, Alert.Severity.WARNING,
        "api p95 1234.5 ms is above 2x its 200 ms target (400 ms)", 1234.5, 400, "ms", STARTS_AT,
        STARTS_AT.plusSeconds(90), false, Optional.empty(), Map.of());
  }

  static Alert withSummary(String summary) {
    return new Alert("error-rate", "checkout", Alert.State.FIRING, Alert.Severity.WARNING, summary, 0.0712, 0.05,
        "ratio", STARTS_AT, STARTS_AT.plusSeconds(60), false, Optional.of("javascript:alert(1)"),
        Map.of("team", "<b>payments</b>"));
  }
}
