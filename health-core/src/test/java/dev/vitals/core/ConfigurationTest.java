package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

  private final ManualClock clock = new ManualClock();

  private HealthMonitor.Builder withEnv(Map<String, String> env) {
    return HealthMonitor.builder().clock(clock).scheduler(clock.scheduler())
        .executor(clock.executor()).environment(env).jitter(0).discoverExporters(false);
  }

  private static Map<String, String> echo(String name, String... more) {
    Map<String, String> m = new HashMap<>();
    m.put("vitals.probes." + name + ".type", "echo");
    for (int i = 0; i < more.length; i += 2) {
      m.put("vitals.probes." + name + "." + more[i], more[i + 1]);
    }
    return m;
  }

  @Test
  void aCustomProbeTypeIsDiscoveredAndRunFromConfigurationAlone() {
    try (HealthMonitor m = withEnv(Map.of()).config(echo("greeter", "message", "hi there", "kinds", "liveness"))
        .build().start()) {
      clock.runDue();
      ProbeReport r = m.report().probe("greeter").orElseThrow();
      assertThat(r.type()).isEqualTo("echo");
      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.lastResult().orElseThrow().message()).contains("hi there");
      assertThat(r.kinds()).containsExactly(ProbeKind.LIVENESS);
    }
  }

  @Test
  void aBrokenProviderIsReportedAndSkipped() {
    try (HealthMonitor m = withEnv(Map.of()).config(echo("greeter")).build().start()) {
      assertThat(m.report().problems()).anySatisfy(p -> assertThat(p).contains("ProbeFactory").contains("BrokenProbeFactory"));
      clock.runDue();
      assertThat(m.report().probe("greeter").orElseThrow().status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void probeTypesAreNotLookedUpWhenNoKeyNamesAProbe() {
    try (HealthMonitor m = withEnv(Map.of()).probe(dev.vitals.api.Probe.of("code", dev.vitals.api.ProbeResult::up))
        .build().start()) {
      // the broken provider on the test class path would be reported had the scan run
      assertThat(m.report().problems()).noneSatisfy(p -> assertThat(p).contains("BrokenProbeFactory"));
    }
    try (HealthMonitor m = withEnv(Map.of("VITALS_PROBES_CODE_TIMEOUT", "1s"))
        .probe(dev.vitals.api.Probe.of("code", dev.vitals.api.ProbeResult::up)).build().start()) {
      assertThat(m.report().problems()).anySatisfy(p -> assertThat(p).contains("BrokenProbeFactory"));
    }
  }

  @Test
  void namesFollowTheDocumentedRule() {
    assertThat(ProbeSettings.validName("a")).isTrue();
    assertThat(ProbeSettings.validName("9")).isTrue();
    assertThat(ProbeSettings.validName("Orders-API_2")).isTrue();
    assertThat(ProbeSettings.validName("a" + "b".repeat(62))).isTrue();
    assertThat(ProbeSettings.validName("a" + "b".repeat(63))).isFalse();
    assertThat(ProbeSettings.validName(null)).isFalse();
    assertThat(ProbeSettings.validName("")).isFalse();
    assertThat(ProbeSettings.validName("-a")).isFalse();
    assertThat(ProbeSettings.validName("_a")).isFalse();
    assertThat(ProbeSettings.validName("a.b")).isFalse();
    assertThat(ProbeSettings.validName("a b")).isFalse();
    assertThat(ProbeSettings.validName("caf\u00e9")).isFalse();
    assertThatThrownBy(() -> ProbeSettings.checkName("a.b", "probe")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probe name 'a.b' is not allowed: expected 1 to 63 letters, digits, '_' or '-', starting with a"
            + " letter or digit");
  }

  @Test
  void durationsAcceptTheDocumentedUnits() {
    assertThat(dev.vitals.api.spi.Config.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(dev.vitals.api.spi.Config.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(dev.vitals.api.spi.Config.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(dev.vitals.api.spi.Config.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(dev.vitals.api.spi.Config.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(dev.vitals.api.spi.Config.parseDuration("10")).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration("-1s")).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration("1.5s")).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration(" 10 S ")).isEqualTo(Duration.ofSeconds(10));
    assertThat(dev.vitals.api.spi.Config.parseDuration("10\tms")).isEqualTo(Duration.ofMillis(10));
    assertThat(dev.vitals.api.spi.Config.parseDuration("3us")).isEqualTo(Duration.ofNanos(3_000));
    assertThat(dev.vitals.api.spi.Config.parseDuration("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(dev.vitals.api.spi.Config.parseDuration("0s")).isEqualTo(Duration.ZERO);
    assertThat(dev.vitals.api.spi.Config.parseDuration("s")).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration("")).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration(null)).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration("10 s x")).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration("10sec")).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration("+5s")).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration("\u0661\u0660s")).isNull(); // not ASCII digits
    assertThat(dev.vitals.api.spi.Config.parseDuration("99999999999999999999s")).isNull();
    assertThat(dev.vitals.api.spi.Config.parseDuration("9223372036854775807d")).isNull(); // overflows Duration
  }

  @Test
  void settingsReachTheProbe() {
    try (HealthMonitor m = withEnv(Map.of()).config(echo("db", "interval", "250ms", "timeout", "100ms",
        "critical", "false", "budget.target", "5ms", "budget.acceptable", "8ms")).build().start()) {
      ProbeReport r = m.report().probe("db").orElseThrow();
      assertThat(r.interval()).isEqualTo(Duration.ofMillis(250));
      assertThat(r.timeout()).isEqualTo(Duration.ofMillis(100));
      assertThat(r.critical()).isFalse();
      assertThat(r.budget().target()).isEqualTo(Duration.ofMillis(5));
      assertThat(r.budget().acceptable()).isEqualTo(Duration.ofMillis(8));
      assertThat(r.kinds()).containsExactly(ProbeKind.READINESS);
    }
  }

  @Test
  void theEnvironmentOverridesTheFile() {
    try (HealthMonitor m = withEnv(Map.of("VITALS_PROBES_DB_MESSAGE", "from env", "VITALS_PROBES_DB_FAILURE_THRESHOLD", "7"))
        .config(echo("db", "message", "from file")).build().start()) {
      clock.runDue();
      assertThat(m.report().probe("db").orElseThrow().lastResult().orElseThrow().message()).contains("from env");
      assertThat(m.config().get("vitals.probes.db.failure-threshold")).contains("7");
    }
  }

  @Test
  void aProbeCanBeDefinedInTheEnvironmentAlone() {
    try (HealthMonitor m = withEnv(Map.of("VITALS_PROBES_CACHE_TYPE", "echo", "VITALS_PROBES_CACHE_MESSAGE", "env only"))
        .build().start()) {
      clock.runDue();
      assertThat(m.report().probe("cache").orElseThrow().lastResult().orElseThrow().message()).contains("env only");
    }
  }

  @Test
  void referencesReadEnvironmentVariables() {
    try (HealthMonitor m = withEnv(Map.of("GREETING", "secret-free hello"))
        .config(echo("db", "message", "${GREETING}", "interval", "${INTERVAL:-30s}")).build().start()) {
      clock.runDue();
      ProbeReport r = m.report().probe("db").orElseThrow();
      assertThat(r.lastResult().orElseThrow().message()).contains("secret-free hello");
      assertThat(r.interval()).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void everyMistakeIsReportedAtOnceWithKeyValueAndWhatIsAllowed() {
    Map<String, String> config = new HashMap<>();
    config.putAll(echo("a", "interval", "0s"));
    config.putAll(echo("b", "interval", "-5s"));
    config.putAll(echo("c", "interval", "10s", "timeout", "20s"));
    config.putAll(echo("d", "budget.target", "200ms", "budget.acceptable", "100ms"));
    config.putAll(echo("e", "failure-threshold", "zero"));
    config.putAll(echo("f", "kinds", "readiness,sometimes"));
    config.putAll(echo("g", "colour", "blue"));
    config.putAll(echo("h", "url", "http://nope"));
    config.put("vitals.probes.i.type", "mongodb");
    config.put("vitals.probes.j.interval", "10s");
    config.putAll(echo("k", "message", "${MISSING_VARIABLE}"));
    config.putAll(echo("l", "critical", "yes"));
    assertThatThrownBy(() -> withEnv(Map.of()).config(config).build())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(12))
        .hasMessageContaining("vitals.probes.a.interval = '0s' is not allowed: expected a positive duration such as 250ms, 10s, 5m, 1h or 7d")
        .hasMessageContaining("vitals.probes.b.interval = '-5s' is not allowed")
        .hasMessageContaining("vitals.probes.c.timeout = '20s' is not allowed: expected at most the interval (10s)")
        .hasMessageContaining("vitals.probes.d.budget.target = '200ms' is not allowed: expected at most budget.acceptable (100ms)")
        .hasMessageContaining("vitals.probes.e.failure-threshold = 'zero' is not allowed: expected an integer from 1 to 100")
        .hasMessageContaining("vitals.probes.f.kinds = 'readiness,sometimes' is not allowed: expected a comma-separated list of liveness, readiness, startup")
        .hasMessageContaining("vitals.probes.g.colour is not a known key")
        .hasMessageContaining("vitals.probes.h.url = 'http://nope' is not allowed: expected an echo:// URL")
        .hasMessageContaining("vitals.probes.i.type = 'mongodb' is not allowed: expected one of [echo]")
        .hasMessageContaining("vitals.probes.j.type is missing")
        .hasMessageContaining("vitals.probes.k.message refers to the environment variable MISSING_VARIABLE, which is not set")
        .hasMessageContaining("vitals.probes.l.critical = 'yes' is not allowed: expected true or false");
  }

  @Test
  void secretsAreNotPrintedInErrors() {
    Map<String, String> config = echo("db", "url", "jdbc:postgresql://app:hunter2@db/app", "password", "hunter2");
    assertThatThrownBy(() -> withEnv(Map.of()).config(config).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.probes.db.url = 'jdbc:postgresql://app:****@db/app'")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aProbeRegisteredInCodeTakesOverridesButNoType() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = withEnv(Map.of()).probe(db).config(Map.of("vitals.probes.db.interval", "1m")).build().start()) {
      assertThat(m.report().probe("db").orElseThrow().interval()).isEqualTo(Duration.ofMinutes(1));
    }
    assertThatThrownBy(() -> withEnv(Map.of()).probe(new ScriptedProbe("db", clock))
        .config(Map.of("vitals.probes.db.type", "echo")).build())
        .hasMessageContaining("vitals.probes.db.type = 'echo' is not allowed: expected no type for a probe registered in code");
  }

  @Test
  void aDisabledProbeIsLeftOut() {
    try (HealthMonitor m = withEnv(Map.of()).config(echo("db", "enabled", "false")).build().start()) {
      assertThat(m.report().probes()).isEmpty();
    }
  }

  @Test
  void propertiesFilesAreRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vitals.properties");
    Files.writeString(file, "vitals.probes.db.type = echo\nvitals.probes.db.interval = 5m\n");
    try (HealthMonitor m = withEnv(Map.of()).propertiesFile(file).build().start()) {
      assertThat(m.report().probe("db").orElseThrow().interval()).isEqualTo(Duration.ofMinutes(5));
    }
    assertThatThrownBy(() -> HealthMonitor.builder().propertiesFile(dir.resolve("missing.properties")))
        .hasMessageContaining("cannot read Vitals configuration").hasMessageContaining("missing.properties");
  }

  @Test
  void builderSettingsAreGivenOnceAndBuildCanRunTwice() {
    HealthMonitor.Builder b = withEnv(Map.of()).config(echo("db"));
    assertThatThrownBy(() -> b.clock(clock)).isInstanceOf(IllegalStateException.class).hasMessageContaining("clock was already set");
    assertThatThrownBy(() -> b.jitter(0.9)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> HealthMonitor.builder().jitter(0.9)).hasMessageContaining("jitter must be from 0 to 0.5, was 0.9");
    assertThatThrownBy(() -> b.probe(new ScriptedProbe("bad name", clock)))
        .hasMessageContaining("probe name 'bad name' is not allowed");
    try (HealthMonitor first = b.build(); HealthMonitor second = b.build()) {
      assertThat(first).isNotSameAs(second);
    }
  }

  @Test
  void trackersAreBoundedAndRefusedPastTheMaximum() {
    try (HealthMonitor m = withEnv(Map.of()).maxTrackers(2).build().start()) {
      assertThat(m.tracker("checkout")).isSameAs(m.tracker("checkout"));
      m.tracker("search");
      assertThatThrownBy(() -> m.tracker("third"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot create tracker 'third': the monitor already has 2 trackers (vitals.trackers.max)");
      assertThatThrownBy(() -> m.tracker("user input!")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
