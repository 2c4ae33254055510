package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import dev.vitals.test.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules every key follows (issue 12): a key or variable that nothing reads is refused with a
 * suggestion, every mistake is reported at once, defaults never contradict what is configured, and
 * every duration and count has bounds.
 */
class ConfigurationKeysTest {

  private final ManualClock clock = new ManualClock();

  private HealthMonitor.Builder builder(Map<String, String> env) {
    return HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(env).jitter(0).discoverExporters(false).notifierFactory(new RecordingNotifier.Factory());
  }

  private HealthMonitor.Builder builder() {
    return builder(Map.of());
  }

  private static Map<String, String> echo(String name, String... more) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("vitals.probes." + name + ".type", "echo");
    for (int i = 0; i < more.length; i += 2) {
      m.put("vitals.probes." + name + "." + more[i], more[i + 1]);
    }
    return m;
  }

  private static List<String> problems(HealthMonitor.Builder b) {
    try (HealthMonitor m = b.build()) {
      throw new AssertionError("expected a ConfigException, built " + m);
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  // 1. misspelt keys and sections

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "vitals.probe.db.type      | echo       | vitals.probes.db.type",
      "vitals.notifier.ops.type  | recording  | vitals.notifiers.ops.type",
      "vitals.alert.repeat-interval | 1h      | vitals.alerts.repeat-interval",
      "vitals.slo.x.tracker      | checkout   | vitals.slos.x.tracker",
      "vitals.maintenence.nightly.cron | 0 2 * * * | vitals.maintenance.nightly.cron",
      "vitals.jiter              | 0.2        | vitals.jitter",
      "vitals.engine.thread      | 4          | vitals.engine.threads",
      "vitals.probes.db.intervl  | 5s         | vitals.probes.db.interval",
      "vitals.alerts.latency.treshold | 3     | vitals.alerts.latency.threshold",
      "vitals.trackers.api.budget.targt | 5ms | vitals.trackers.api.budget.target",
      "vitals.probe.db.url       | echo://x   | vitals.probes.db.url"})
  void aMisspeltKeyFailsStartUpWithTheClosestKnownKey(String key, String value, String suggestion) {
    Map<String, String> config = new HashMap<>(echo("db"));
    config.put(key, value);
    assertThat(problems(builder().config(config))).singleElement().asString()
        .startsWith(key + " is not a known key: did you mean " + suggestion + "?");
  }

  @Test
  void aKeyNothingResemblesNamesTheSections() {
    assertThat(problems(builder().config(Map.of("vitals.foo", "1"))))
        .singleElement().asString()
        .startsWith("vitals.foo is not a known key: no part of Vitals reads it; expected a key under ")
        .contains("vitals.probes.", "vitals.alerts.", "vitals.notifiers.", "vitals.jitter");
  }

  @Test
  void aKeyOfAModuleThatIsNotOnTheClassPathNamesTheModule() {
    assertThat(problems(HealthMonitor.builder().environment(Map.of()).config(Map.of("vitals.http.details", "always"))))
        .containsExactly("vitals.http.details is not a known key: no module on the class path reads vitals.http.*:"
            + " add exporter-http");
    assertThat(problems(builder().config(Map.of("vitals.micrometer.enabled", "true"))))
        .containsExactly("vitals.micrometer.enabled is not a known key: no module on the class path reads"
            + " vitals.micrometer.*: add exporter-micrometer (exporter discovery is off: register its ExporterFactory"
            + " with builder().exporterFactory(...))");
  }

  @Test
  void exportersDeclareTheirKeysAndAMisspeltOneIsRefusedWithTheClosest() {
    ExporterFactory kit = new KitExporterFactory();
    try (HealthMonitor m = builder().exporterFactory(kit).config(Map.of("vitals.kit.port", "1")).build()) {
      assertThat(m.config().get("vitals.kit.port")).contains("1");
    }
    assertThat(problems(builder().exporterFactory(kit).config(Map.of("vitals.kit.prot", "1"))))
        .containsExactly("vitals.kit.prot is not a known key: did you mean vitals.kit.port?");
    // environment variables reach the keys an exporter declares
    try (HealthMonitor m = builder(Map.of("VITALS_KIT_PORT", "7")).exporterFactory(kit).build()) {
      assertThat(m.config().get("vitals.kit.port")).contains("7");
    }
  }

  @Test
  void anExporterThatDeclaresNothingClaimsItsOwnPrefix() {
    ExporterFactory plain = new ExporterFactory() {
      @Override
      public String name() {
        return "plain";
      }

      @Override
      public Optional<Exporter> create(ExporterContext context) {
        return Optional.empty();
      }
    };
    assertThat(plain.keys()).containsExactly("vitals.plain.");
    try (HealthMonitor m = builder().exporterFactory(plain).config(Map.of("vitals.plain.anything", "x")).build()) {
      assertThat(m.config().get("vitals.plain.anything")).contains("x");
    }
  }

  @Test
  void aVitalsVariableThatSetsNoKeyFailsStartUpWithTheClosestVariable() {
    assertThat(problems(builder(Map.of("VITALS_JITER", "0.2"))))
        .containsExactly("the environment variable VITALS_JITER sets no key Vitals reads: did you mean VITALS_JITTER"
            + " (which sets vitals.jitter)?");
    assertThat(problems(builder(Map.of("VITALS_PROBE_DB_URL", "echo://x")).config(echo("db"))))
        .containsExactly("the environment variable VITALS_PROBE_DB_URL sets no key Vitals reads: did you mean"
            + " VITALS_PROBES_DB_URL (which sets vitals.probes.db.url)?");
    assertThat(problems(builder(Map.of("VITALS_PROBE_CACHE_TYPE", "echo"))))
        .singleElement().asString()
        .startsWith("the environment variable VITALS_PROBE_CACHE_TYPE sets no key Vitals reads")
        .endsWith("did you mean a variable starting with VITALS_PROBES_?");
  }

  @Test
  void variablesThatValuesReferToAndTheTokenAreNotRefused() {
    try (HealthMonitor m = builder(Map.of("VITALS_GREETING", "hi", "VITALS_TOKEN", "t", "VITALS_JITTER", "0.2"))
        .config(echo("db", "message", "${VITALS_GREETING}")).build()) {
      assertThat(m.config().get("vitals.probes.db.message")).contains("hi");
      assertThat(m.config().get("vitals.jitter")).contains("0.2");
    }
  }

  @Test
  void aMonitorWithoutProbesIsAllowedInCodeAndSaysSo() {
    try (HealthMonitor m = builder().build().start()) {
      assertThat(m.report().problems()).contains(HealthMonitor.NO_PROBES);
    }
    try (HealthMonitor m = builder().config(echo("db", "enabled", "false")).build().start()) {
      assertThat(m.report().problems()).contains("no probes: every configured probe is disabled (db); the status"
          + " covers trackers only");
    }
    try (HealthMonitor m = builder().probe(Probe.of("db", ProbeResult::up)).build().start()) {
      assertThat(m.report().problems()).doesNotContain(HealthMonitor.NO_PROBES);
    }
  }

  @Test
  void aConfigurationFileMustConfigureSomethingAndHoldOnlyVitalsKeys(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.properties"), "# nothing yet\n");
    assertThat(problems(builder().propertiesFile(empty))).containsExactly(empty + " configures nothing: a"
        + " configuration file needs at least one vitals.* key (a monitor without configuration is built in code,"
        + " without a file)");
    Path unprefixed = Files.writeString(dir.resolve("vitals.properties"),
        "vitals.probes.db.type = echo\nprobes.db.interval = 5s\n");
    assertThat(problems(builder().propertiesFile(unprefixed))).containsExactly("probes.db.interval (in " + unprefixed
        + ") is not a Vitals key: every key starts with vitals. (did you mean vitals.probes.db.interval?)");
  }

  // 2. every mistake at once

  @Test
  void everyMistakeIsReportedInOneMessageWithSuggestions() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("vitals.probe.cache.type", "echo");
    config.put("vitals.notifier.ops.type", "recording");
    config.put("vitals.jiter", "0.3");
    config.putAll(echo("db", "interval", "1ms", "timout", "1s"));
    config.put("vitals.probes.pay.type", "needs-url");
    config.put("vitals.probes.pay.critical", "yes");
    config.put("vitals.kit.port", "-1");
    config.put("vitals.alerts.repeat-interval", "1s");
    assertThatThrownBy(() -> builder(Map.of("VITALS_ENGINE_THREDS", "4")).probeFactory(new NeedsUrl())
        .exporterFactory(new KitExporterFactory()).config(config).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "the environment variable VITALS_ENGINE_THREDS sets no key Vitals reads: did you mean"
                + " VITALS_ENGINE_THREADS (which sets vitals.engine.threads)?",
            "vitals.jiter is not a known key: did you mean vitals.jitter?",
            "vitals.notifier.ops.type is not a known key: did you mean vitals.notifiers.ops.type?",
            "vitals.probe.cache.type is not a known key: did you mean vitals.probes.cache.type?",
            "vitals.probes.db.timout is not a known key: did you mean vitals.probes.db.timeout? (expected one of"
                + " [budget.acceptable, budget.target, circuit-breaker.max-wait, critical, enabled, fail,"
                + " failure-threshold, interval, kinds, message, success-threshold, timeout, type, url])",
            "vitals.probes.db.interval = '1ms' is not allowed: expected a duration from 100ms to 1d",
            "vitals.probes.pay.critical = 'yes' is not allowed: expected true or false",
            "vitals.probes.pay.url is missing: expected a value",
            "vitals.kit.port = '-1' is not allowed: expected an integer from 0 to 65535",
            "vitals.alerts.repeat-interval = '1s' is not allowed: expected a duration from 10s to 7d, or 0s for no"
                + " repeats"))
        .hasMessageStartingWith("Invalid configuration (10 problems):");
  }

  @Test
  void aTypesMissingKeyIsReportedWithTheCommonKeysMistakes() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("vitals.probes.pay.type", "needs-url");
    config.put("vitals.probes.pay.interval", "0s");
    config.put("vitals.probes.pay.failure-threshold", "0");
    assertThat(problems(builder().probeFactory(new NeedsUrl()).config(config))).containsExactlyInAnyOrder(
        "vitals.probes.pay.interval = '0s' is not allowed: expected a positive duration such as 250ms, 10s, 5m, 1h"
            + " or 7d",
        "vitals.probes.pay.failure-threshold = '0' is not allowed: expected an integer from 1 to 100",
        "vitals.probes.pay.url is missing: expected a value");
  }

  @Test
  void exportersSettingsAreCheckedWhenTheMonitorIsBuiltNotWhenItStarts() {
    assertThat(problems(builder().exporterFactory(new KitExporterFactory()).config(Map.of("vitals.kit.port", "x"))))
        .containsExactly("vitals.kit.port = 'x' is not allowed: expected an integer from 0 to 65535");
  }

  // 3. defaults follow what is configured

  @Test
  void aShortIntervalAloneIsAcceptedAndTheDefaultTimeoutFollowsIt() {
    try (HealthMonitor m = builder().config(echo("port", "interval", "1s")).build().start()) {
      ProbeReport r = m.report().probe("port").orElseThrow();
      assertThat(r.interval()).isEqualTo(Duration.ofSeconds(1));
      assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(1));
    }
    // a probe whose own default timeout (5s) is longer than the configured interval
    Probe slow = new DefaultsProbe("slow", ProbeDefaults.builder().timeout(Duration.ofSeconds(5)).build());
    try (HealthMonitor m = builder().probe(slow).config(Map.of("vitals.probes.slow.interval", "2s")).build().start()) {
      assertThat(m.report().probe("slow").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(2));
    }
    assertThat(ProbeConfig.of("x", Map.of("type", "t", "interval", "500ms")).timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(ProbeConfig.of("x", Map.of("type", "t")).timeout()).isEqualTo(ProbeConfig.DEFAULT_TIMEOUT);
  }

  @Test
  void aBudgetLimitAloneMovesTheOtherDefaultKeepingTheTypesRatio() {
    try (HealthMonitor m = builder().config(echo("api", "budget.target", "800ms")).build().start()) {
      assertThat(m.report().probe("api").orElseThrow().budget()).isEqualTo(
          LatencyBudget.of(Duration.ofMillis(800), Duration.ofMillis(2000)));
    }
    try (HealthMonitor m = builder().config(echo("api", "budget.acceptable", "100ms")).build().start()) {
      assertThat(m.report().probe("api").orElseThrow().budget()).isEqualTo(
          LatencyBudget.of(Duration.ofMillis(40), Duration.ofMillis(100)));
    }
  }

  @Test
  void aMessageAboutADefaultSaysSoAndNamesTheKeyToSet() {
    Probe fast = new DefaultsProbe("fast", ProbeDefaults.builder().interval(Duration.ofMillis(50)).build());
    assertThat(problems(builder().probe(fast))).containsExactly("the default interval 50ms of probe type 'custom' is"
        + " not allowed: expected a duration from 100ms to 3650d; set vitals.probes.fast.interval");
    Probe rare = new DefaultsProbe("rare", ProbeDefaults.builder().interval(Duration.ofDays(3651)).build());
    assertThat(problems(builder().probe(rare))).containsExactly("the default interval 3651d of probe type 'custom' is"
        + " not allowed: expected a duration from 100ms to 3650d; set vitals.probes.rare.interval");
    // a probe that should run once may say so in code; configuration stays within a day
    Probe once = new DefaultsProbe("once", ProbeDefaults.builder().interval(Duration.ofDays(3650)).build());
    try (HealthMonitor m = builder().probe(once).build()) {
      assertThat(m).isNotNull();
    }
    assertThat(problems(builder().config(echo("db", "timeout", "20s"))))
        .containsExactly("vitals.probes.db.timeout = '20s' is not allowed: expected at most the interval (10s, the"
            + " default)");
  }

  // 4. bounds

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "interval           | 1ms     | vitals.probes.db.interval = '1ms' is not allowed: expected a duration from 100ms to 1d",
      "interval           | 2d      | vitals.probes.db.interval = '2d' is not allowed: expected a duration from 100ms to 1d",
      "interval           | 60000d  | vitals.probes.db.interval = '60000d' is not allowed: expected a duration from 100ms to 1d",
      "interval           | 106752d | vitals.probes.db.interval = '106752d' is not allowed: expected a duration from 100ms to 1d",
      "timeout            | 1ms     | vitals.probes.db.timeout = '1ms' is not allowed: expected at least 10ms and at most the interval",
      "failure-threshold  | 101     | vitals.probes.db.failure-threshold = '101' is not allowed: expected an integer from 1 to 100",
      "success-threshold  | 0       | vitals.probes.db.success-threshold = '0' is not allowed: expected an integer from 1 to 100",
      "budget.target      | 2h      | vitals.probes.db.budget.target = '2h' is not allowed: expected a duration from 1ms to 1h",
      "budget.acceptable  | 100us   | vitals.probes.db.budget.acceptable = '100us' is not allowed: expected a duration from 1ms to 1h",
      "circuit-breaker.max-wait | 2d | vitals.probes.db.circuit-breaker.max-wait = '2d' is not allowed: expected from the interval (10s) to 1d"})
  void everyProbeDurationAndCountHasBounds(String key, String value, String problem) {
    assertThat(problems(builder().config(echo("db", key, value)))).containsExactly(problem);
  }

  @Test
  void otherDurationsHaveBoundsToo() {
    Map<String, String> config = new LinkedHashMap<>(echo("db"));
    config.put("vitals.alerts.latency.for", "2d");
    config.put("vitals.alerts.repeat-interval", "1s");
    config.put("vitals.notifiers.ops.type", "recording");
    config.put("vitals.notifiers.ops.backoff", "2h");
    config.put("vitals.trackers.api.budget.target", "0ms");
    config.put("vitals.trackers.api.budget.acceptable", "3h");
    assertThat(problems(builder().config(config))).containsExactlyInAnyOrder(
        "vitals.alerts.latency.for = '2d' is not allowed: expected a duration from 0s to 1d",
        "vitals.alerts.repeat-interval = '1s' is not allowed: expected a duration from 10s to 7d, or 0s for no repeats",
        "vitals.notifiers.ops.backoff = '2h' is not allowed: expected a duration from 1ms to 1h",
        "vitals.trackers.api.budget.target = '0ms' is not allowed: expected a positive duration such as 250ms, 10s,"
            + " 5m, 1h or 7d",
        "vitals.trackers.api.budget.acceptable = '3h' is not allowed: expected a duration from 1ms to 1h");
  }

  @Test
  void theLongestIntervalGivesFreshResults() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = builder().probe(db).config(Map.of("vitals.probes.db.interval", "1d")).build().start()) {
      clock.runDue();
      assertThat(m.report().probe("db").orElseThrow().status()).isEqualTo(dev.vitals.api.Status.UP);
      clock.advance(Duration.ofDays(1).plusMinutes(1));
      ProbeReport r = m.report().probe("db").orElseThrow();
      assertThat(r.stale()).isFalse();
      assertThat(r.status()).isEqualTo(dev.vitals.api.Status.UP);
      assertThat(db.runs.get()).isEqualTo(2);
    }
  }

  /** A probe type with a required key, as most real types have. */
  static final class NeedsUrl implements ProbeFactory {
    @Override
    public String type() {
      return "needs-url";
    }

    @Override
    public Set<String> keys() {
      return Set.of("url");
    }

    @Override
    public Probe create(ProbeConfig config) {
      String url = config.require("url");
      return Probe.of(config.name(), "needs-url", () -> ProbeResult.up(url));
    }
  }

  /** A probe with defaults of its own, as a probe written in code may have. */
  static final class DefaultsProbe implements Probe {
    private final String name;
    private final ProbeDefaults defaults;

    DefaultsProbe(String name, ProbeDefaults defaults) {
      this.name = name;
      this.defaults = defaults;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ProbeDefaults defaults() {
      return defaults;
    }

    @Override
    public ProbeResult check() {
      return ProbeResult.up();
    }
  }

  /** An exporter that declares full keys and checks its port when the monitor is built. */
  static final class KitExporterFactory implements ExporterFactory {
    @Override
    public String name() {
      return "kit";
    }

    @Override
    public Set<String> keys() {
      return Set.of("vitals.kit.port", "vitals.kit.enabled");
    }

    @Override
    public void validate(Config config) {
      config.integer("vitals.kit.port", 0, 0, 65_535);
    }

    @Override
    public Optional<Exporter> create(ExporterContext context) {
      return Optional.empty();
    }
  }
}
