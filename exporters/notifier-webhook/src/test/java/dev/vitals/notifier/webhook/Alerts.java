package dev.vitals.notifier.webhook;

import dev.vitals.api.Alert;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Alerts for the tests. */
final class Alerts {

  static final Instant STARTS = Instant.parse("2026-11-27T10:00:00Z");
  static final Instant NOW = Instant.parse("2026-11-27T10:41:07.123Z");

  private Alerts() {}

  /** A critical latency alert on {@code db}, firing, with a link and two labels. */
  static Alert firing() {
    return new Alert("latency", "db", Alert.State.FIRING, Alert.Severity.CRITICAL,
        "db p95 240 ms is above 2x its 50 ms target (100 ms)", 240.0, 100.0, "ms", STARTS, NOW, false,
        Optional.of("https://status.example.com/"), Map.of("type", "jdbc", "kind", "readiness"));
  }

  /** The same alert, resolved. */
  static Alert resolved() {
    return new Alert("latency", "db", Alert.State.RESOLVED, Alert.Severity.CRITICAL,
        "db p95 40 ms is back within 2x its 50 ms target", 40.0, 100.0, "ms", STARTS,
        NOW.plusSeconds(600), false, Optional.of("https://status.example.com/"), Map.of("type", "jdbc"));
  }

  /** An alert with the given summary, severity, state, repeat flag and link, and no labels. */
  static Alert of(String summary, Alert.Severity severity, Alert.State state, boolean repeat, Optional<String> link) {
    return new Alert("error-rate", "api", state, severity, summary, 0.0731, 0.05, "ratio", STARTS, NOW, repeat,
        link, Map.of());
  }
}
