package dev.vitals.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApiValuesTest {

  @Test
  void aggregationOrderIsDownUnknownDegradedUp() {
    assertThat(Status.UP.worse(Status.DEGRADED)).isEqualTo(Status.DEGRADED);
    assertThat(Status.DEGRADED.worse(Status.UNKNOWN)).isEqualTo(Status.UNKNOWN);
    assertThat(Status.UNKNOWN.worse(Status.DOWN)).isEqualTo(Status.DOWN);
    assertThat(Status.DOWN.worse(Status.UP)).isEqualTo(Status.DOWN);
    assertThat(Status.DEGRADED.isAvailable()).isTrue();
    assertThat(Status.UNKNOWN.isAvailable()).isFalse();
    assertThatThrownBy(() -> Status.parse("fine")).hasMessage("Unknown status 'fine'; allowed: up, degraded, down, unknown");
    assertThat(ProbeKind.parse(" Liveness ")).isEqualTo(ProbeKind.LIVENESS);
  }

  @Test
  void scoreBandsAreHealthyFrom90AttentionFrom70AndBadBelow() {
    assertThat(ScoreBand.of(100)).isEqualTo(ScoreBand.HEALTHY);
    assertThat(ScoreBand.of(90.0)).isEqualTo(ScoreBand.HEALTHY);
    assertThat(ScoreBand.of(89.9)).isEqualTo(ScoreBand.ATTENTION);
    assertThat(ScoreBand.of(70.0)).as("a figure exactly at its alert threshold").isEqualTo(ScoreBand.ATTENTION);
    assertThat(ScoreBand.of(69.9)).isEqualTo(ScoreBand.BAD);
    assertThat(ScoreBand.of(0)).isEqualTo(ScoreBand.BAD);
    assertThat(ScoreBand.of(Double.NaN)).isEqualTo(ScoreBand.BAD);
  }

  @Test
  void resultsAreImmutableAndRedacted() {
    ProbeResult r = ProbeResult.builder(Status.DOWN)
        .message("cannot reach redis://:s3cret@cache:6379/0")
        .detail("url", "jdbc:postgresql://db/app?user=app&password=s3cret")
        .detail("activeConnections", 3)
        .build();
    assertThat(r.toString()).doesNotContain("s3cret");
    assertThat(r.message()).contains("cannot reach redis://:****@cache:6379/0");
    assertThat(r.details()).containsEntry("activeConnections", 3);
    assertThatThrownBy(() -> r.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ProbeResult.builder(Status.UP).detail("list", new java.util.ArrayList<>()))
        .hasMessageContaining("detail 'list' has a value of type java.util.ArrayList");
    ProbeResult stamped = r.withTiming(5, Instant.EPOCH);
    assertThat(r.latencyNanos()).isEqualTo(-1);
    assertThat(stamped.latency()).contains(Duration.ofNanos(5));
  }

  @Test
  void downFromAnExceptionCarriesTypeAndMessage() {
    ProbeResult r = ProbeResult.down(new IllegalStateException("Authorization: Bearer abc.def.ghi failed"));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.error()).contains("java.lang.IllegalStateException: Authorization: Bearer **** failed");
    assertThat(ProbeResult.down(new RuntimeException()).message()).contains("RuntimeException");
  }

  @Test
  void redactionCoversTheCommonForms() {
    assertThat(Redaction.redact("jdbc:mysql://root:pw@h/db")).isEqualTo("jdbc:mysql://root:****@h/db");
    assertThat(Redaction.redact("jdbc:sqlserver://h;user=sa;password=pw;db=x")).isEqualTo("jdbc:sqlserver://h;user=sa;password=****;db=x");
    assertThat(Redaction.redact("https://api/x?token=abc&q=1")).isEqualTo("https://api/x?token=****&q=1");
    assertThat(Redaction.redact("rediss://default:pw@cache:6380")).isEqualTo("rediss://default:****@cache:6380");
    assertThat(Redaction.redact("redis://s3cret@cache:6379")).isEqualTo("redis://****@cache:6379");
    assertThat(Redaction.redact("routing_key=R0UT1NG")).isEqualTo("routing_key=****");
    assertThat(Redaction.redact("no secrets here")).isEqualTo("no secrets here");
    assertThat(Redaction.redact(null)).isNull();
  }

  @Test
  void budgetsCheckTheirArguments() {
    assertThat(LatencyBudget.DATABASE.target()).isEqualTo(Duration.ofMillis(50));
    assertThat(LatencyBudget.API.exceeds(Duration.ofMillis(500).toNanos())).isFalse();
    assertThat(LatencyBudget.API.exceeds(Duration.ofMillis(500).toNanos() + 1)).isTrue();
    assertThatThrownBy(() -> LatencyBudget.of(Duration.ofMillis(100), Duration.ofMillis(50)))
        .hasMessage("budget acceptable (PT0.05S) must be at least the target (PT0.1S)");
    assertThatThrownBy(() -> LatencyBudget.of(Duration.ZERO, Duration.ofMillis(50))).hasMessageContaining("positive");
  }

  @Test
  void probeConfigRejectsBadDurationsWithTheFullKey() {
    assertThatThrownBy(() -> ProbeConfig.of("db", Map.of("type", "jdbc", "timeout", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vitals.probes.db.timeout = 'soon' is not allowed: expected a positive duration such as 250ms, 10s, 5m, 1h or 7d");
    assertThatThrownBy(() -> ProbeConfig.of("db", Map.of("url", "x")))
        .hasMessage("vitals.probes.db.type is missing: expected a value");
    ProbeConfig ok = ProbeConfig.of("db", Map.of("type", "jdbc"));
    assertThat(ok.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(ok.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(Config.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(ConfigException.describe("vitals.http.token", "abc", "a token")).doesNotContain("abc");
    assertThat(ConfigException.describe("vitals.notifiers.ops.url", "http://hooks/T1/B2/S3CRET", "https"))
        .doesNotContain("S3CRET");
    assertThat(ConfigException.describe("vitals.probes.api.headers.X-Key", "k3y", "a header")).doesNotContain("k3y");
    assertThat(dev.vitals.api.spi.NotifierConfig.of("ops", java.util.Map.of("type", "slack",
        "url", "https://hooks.slack.com/services/T1/B2/S3CRET")).toString()).doesNotContain("S3CRET").contains("url");
  }

  @Test
  void aProbeAndATrackerOfTheSameNameNeverShareADedupKey() {
    java.time.Instant t = java.time.Instant.EPOCH;
    Alert probe = new Alert("latency", "api", Alert.State.FIRING, Alert.Severity.WARNING, "slow", 1, 1, "ms", t, t,
        false, java.util.Optional.empty(), java.util.Map.of("kind", "probe"));
    Alert tracker = new Alert("latency", "api", Alert.State.FIRING, Alert.Severity.WARNING, "slow", 1, 1, "ms", t, t,
        false, java.util.Optional.empty(), java.util.Map.of("kind", "tracker"));
    assertThat(probe.dedupKey()).isEqualTo("latency:api");
    assertThat(tracker.dedupKey()).isEqualTo("latency:tracker:api");
  }

  @Test
  void apiModuleExportsOnlyItsPackages() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).findAll().iterator().next().descriptor();
    assertThat(d.name()).isEqualTo("dev.vitals.api");
    assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("dev.vitals.api", "dev.vitals.api.spi");
    assertThat(d.requires()).allMatch(r -> r.name().equals("java.base"));
  }
}
