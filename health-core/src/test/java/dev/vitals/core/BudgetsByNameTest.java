package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Budgets by name ({@code vitals.budgets.<entry>.*}, README "Configuration"): a custom probe or a tracker
 * without a budget of its own gets the budget of the first entry whose text its name contains; the
 * built-in {@code voice} entry gives the performance guide's voice budget; a probe type's own budget
 * comes from its {@code defaults()} and is never guessed from the type's name.
 */
class BudgetsByNameTest {

  private final ManualClock clock = new ManualClock();

  private static LatencyBudget budget(long target, long acceptable) {
    return LatencyBudget.of(Duration.ofMillis(target), Duration.ofMillis(acceptable));
  }

  private LatencyBudget trackerBudget(HealthMonitor m, String name) {
    m.tracker(name).record(1_000_000L, true);
    clock.advance(Engine.ROTATION);
    return m.report().tracker(name).orElseThrow().budget();
  }

  @Test
  void customProbesAndTrackersNamedForVoiceGetTheVoiceBudgetByDefault() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(Probe.of("Voice-gateway", ProbeResult::up))
        .probe(Probe.of("orders", ProbeResult::up)).build().start()) {
      assertThat(m.report().probe("Voice-gateway").orElseThrow().budget()).isEqualTo(LatencyBudget.VOICE);
      assertThat(m.report().probe("orders").orElseThrow().budget()).isEqualTo(LatencyBudget.API);
      assertThat(trackerBudget(m, "voice-reply")).isEqualTo(LatencyBudget.VOICE);
      assertThat(trackerBudget(m, "checkout")).isEqualTo(LatencyBudget.API);
    }
  }

  @Test
  void aConfiguredEntryGivesItsBudgetToTheNamesThatContainItsText() {
    Map<String, String> config = Map.of("vitals.budgets.search.name-contains", "search",
        "vitals.budgets.search.budget.target", "300ms", "vitals.budgets.big.name-contains", "big",
        "vitals.budgets.big.budget.target", "900ms",
        "vitals.budgets.voice.budget.acceptable", "2s");
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(Probe.of("search-api", ProbeResult::up))
        .probe(Probe.of("voice", ProbeResult::up)).probe(Probe.of("big-search", ProbeResult::up)).config(config)
        .build().start()) {
      assertThat(m.report().probe("search-api").orElseThrow().budget())
          .as("the unset limit is the API budget's").isEqualTo(budget(300, 500));
      assertThat(m.report().probe("voice").orElseThrow().budget()).isEqualTo(budget(800, 2000));
      assertThat(trackerBudget(m, "search")).isEqualTo(budget(300, 500));
      assertThat(m.report().probe("big-search").orElseThrow().budget())
          .as("the first entry in name order; a limit alone moves the other, keeping the API budget's ratio")
          .isEqualTo(budget(900, 2250));
    }
  }

  @Test
  void theBuiltInEntryCanBeSwitchedOff() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(Probe.of("voice", ProbeResult::up))
        .config(Map.of("vitals.budgets.voice.enabled", "false")).build().start()) {
      assertThat(m.report().probe("voice").orElseThrow().budget()).isEqualTo(LatencyBudget.API);
    }
  }

  @Test
  void aProbesOwnBudgetAndItsConfiguredOneComeBeforeTheName() {
    Probe typed = new Probe() {
      @Override
      public String name() {
        return "voice-db";
      }

      @Override
      public ProbeResult check() {
        return ProbeResult.up();
      }

      @Override
      public ProbeDefaults defaults() {
        return ProbeDefaults.builder().budget(LatencyBudget.DATABASE).build();
      }
    };
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(typed)
        .probe(Probe.of("voice-call", ProbeResult::up))
        .config(Map.of("vitals.probes.voice-call.budget.target", "100ms")).build().start()) {
      assertThat(m.report().probe("voice-db").orElseThrow().budget()).isEqualTo(LatencyBudget.DATABASE);
      assertThat(m.report().probe("voice-call").orElseThrow().budget()).isEqualTo(budget(100, 1200));
    }
  }

  @Test
  void theTypeNameAloneSuggestsNoBudget() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(Probe.of("db", "jdbc", ProbeResult::up))
        .build().start()) {
      assertThat(m.report().probe("db").orElseThrow().budget())
          .as("the jdbc module's probes declare the database budget in their defaults()")
          .isEqualTo(LatencyBudget.API);
    }
  }

  @Test
  void badEntriesAreReportedWithTheirKeysAtOnce() {
    Map<String, String> config = Map.of("vitals.budgets.search.budget.target", "300ms",
        "vitals.budgets.batch.name-contains", "batch",
        "vitals.budgets.slow.name-contains", "slow", "vitals.budgets.slow.budget.target", "2h",
        "vitals.budgets.report.name-contains", "report", "vitals.budgets.report.target", "1s");
    assertThatThrownBy(() -> MonitorTestSupport.manual(clock).config(config).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "vitals.budgets.search.name-contains is missing: expected the text that the names of the probes and"
                + " trackers this budget is for contain",
            "vitals.budgets.batch.budget.target is missing: a budget entry needs budget.target, budget.acceptable"
                + " or both (an unset one is the API budget's, 200/500 ms, moved where it would contradict the other)",
            "vitals.budgets.slow.budget.target = '2h' is not allowed: expected a duration from 1ms to 1h",
            "vitals.budgets.report.target is not a known key: expected one of [budget.acceptable, budget.target,"
                + " enabled, name-contains]",
            "vitals.budgets.report.budget.target is missing: a budget entry needs budget.target, budget.acceptable"
                + " or both (an unset one is the API budget's, 200/500 ms, moved where it would contradict the other)"));
  }
}
