package dev.vitals.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportBuildersTest {

  private static final Instant T = Instant.parse("2026-11-27T10:41:07Z");
  private static final WindowStats FIVE_MINUTES = WindowStats.empty(Duration.ofMinutes(5));

  @Test
  void probeReportDefaultsAreAProbeWithoutSuggestionsThatHasNotRunYet() {
    ProbeReport r = ProbeReport.builder("db").since(T).build();

    assertThat(r.name()).isEqualTo("db");
    assertThat(r.type()).isEqualTo("custom");
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.score()).isZero();
    assertThat(r.critical()).isTrue();
    assertThat(r.kinds()).containsExactly(ProbeKind.READINESS);
    assertThat(r.budget()).isEqualTo(LatencyBudget.API);
    assertThat(r.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(r.lastResult()).isEmpty();
    assertThat(r.since()).isEqualTo(T);
    assertThat(r.stale()).isFalse();
    assertThat(r.consecutiveFailures()).isZero();
    assertThat(r.summary()).isEqualTo(FIVE_MINUTES);
    assertThat(r.windows()).containsExactly(FIVE_MINUTES);
    assertThat(r.availability()).isEmpty();
    assertThat(r.history()).isEmpty();
    assertThat(r.recentLatenciesNanos()).isEmpty();
    assertThat(r.baseline()).isEmpty();
    assertThat(r.regression()).isFalse();
  }

  @Test
  void probeReportBuilderSetsEveryComponentAndBuildsTheSameValueAsTheConstructor() {
    ProbeResult last = ProbeResult.down("refused").withTiming(2_000_000, T);
    WindowStats summary = new WindowStats(Duration.ofMinutes(5), 30, 6, 1, 2, 3, 4);
    WindowStats minute = WindowStats.empty(Duration.ofMinutes(1));
    Map<String, Double> availability = ratios("1h", 0.75, "24h", 0.99);
    HistoryEntry down = new HistoryEntry(Status.UP, Status.DOWN, T, "refused");
    Baseline baseline = new Baseline(1, 2, 3, T.minusSeconds(60));

    ProbeReport built = ProbeReport.builder("db").type("jdbc").status(Status.DOWN).score(12.5).critical(false)
        .kinds(ProbeKind.LIVENESS, ProbeKind.READINESS).budget(LatencyBudget.DATABASE)
        .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(3)).lastResult(last).since(T).stale(true)
        .consecutiveFailures(3).summary(summary).windows(List.of(minute, summary)).availability(availability)
        .history(List.of(down)).recentLatenciesNanos(List.of(2_000_000L)).baseline(baseline).regression(true)
        .build();

    ProbeReport constructed = new ProbeReport("db", "jdbc", Status.DOWN, 12.5, false,
        Set.of(ProbeKind.LIVENESS, ProbeKind.READINESS), LatencyBudget.DATABASE, Duration.ofSeconds(30),
        Duration.ofSeconds(3), java.util.Optional.of(last), T, true, 3, summary, List.of(minute, summary),
        availability, List.of(down), List.of(2_000_000L), java.util.Optional.of(baseline), true);
    assertThat(built).isEqualTo(constructed);
    assertThat(built.toBuilder().build()).as("toBuilder copies every component").isEqualTo(built);
    assertThat(built.toBuilder().score(50).build()).isEqualTo(new ProbeReport("db", "jdbc", Status.DOWN, 50, false,
        built.kinds(), built.budget(), built.interval(), built.timeout(), built.lastResult(), T, true, 3, summary,
        built.windows(), availability, built.history(), built.recentLatenciesNanos(), built.baseline(), true));
  }

  @Test
  void probeReportBuilderCanBuildMoreThanOnceAndCopiesWhatItIsGiven() {
    List<Long> latencies = new ArrayList<>(List.of(1L, 2L));
    Map<String, Double> availability = ratios("1h", 1.0);
    ProbeReport.Builder b = ProbeReport.builder("db").since(T).recentLatenciesNanos(latencies)
        .availability(availability);
    latencies.add(3L);
    availability.put("24h", 0.5);

    ProbeReport first = b.build();
    ProbeReport second = b.status(Status.UP).build();

    assertThat(first.recentLatenciesNanos()).containsExactly(1L, 2L);
    assertThat(first.availability()).containsOnlyKeys("1h");
    assertThat(first.status()).isEqualTo(Status.UNKNOWN);
    assertThat(second.status()).isEqualTo(Status.UP);
    assertThatThrownBy(() -> first.recentLatenciesNanos().add(4L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.availability().put("7d", 1.0)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void probeReportWindowsDefaultToTheSummaryAloneUntilSet() {
    WindowStats summary = new WindowStats(Duration.ofMinutes(5), 3, 0, 1, 2, 3, 4);
    assertThat(ProbeReport.builder("db").since(T).summary(summary).build().windows()).containsExactly(summary);
  }

  @Test
  void probeReportBuilderRejectsABadArgumentAtOnceSayingWhatIsAllowed() {
    ProbeReport.Builder b = ProbeReport.builder("db");
    assertThatThrownBy(() -> b.score(100.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("score must be from 0 to 100, was 100.5");
    assertThatThrownBy(() -> b.score(Double.NaN)).hasMessage("score must be from 0 to 100, was NaN");
    assertThatThrownBy(() -> b.interval(Duration.ZERO)).hasMessage("interval must be positive, was PT0S");
    assertThatThrownBy(() -> b.timeout(Duration.ofSeconds(-1))).hasMessage("timeout must be positive, was PT-1S");
    assertThatThrownBy(() -> b.consecutiveFailures(-1))
        .hasMessage("consecutiveFailures must be zero or more, was -1");
    assertThatThrownBy(() -> b.kinds(Set.of()))
        .hasMessage("kinds must name at least one of liveness, readiness, startup, was empty");
    assertThatThrownBy(() -> b.availability(ratios("1h", 1.5)))
        .hasMessage("availability '1h' must be a ratio from 0 to 1, was 1.5");
    assertThatThrownBy(() -> b.type(null)).isInstanceOf(NullPointerException.class).hasMessage("type");
    assertThatThrownBy(() -> ProbeReport.builder(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessage("since is not set for probe 'db': when the probe entered its status is required");
  }

  @Test
  void probeReportConstructorChecksTheSameRules() {
    assertThatThrownBy(() -> new ProbeReport("db", "jdbc", Status.UP, -1, true, Set.of(ProbeKind.READINESS),
        LatencyBudget.API, Duration.ofSeconds(10), Duration.ofSeconds(2), java.util.Optional.empty(), T, false, 0,
        FIVE_MINUTES, List.of(), Map.of(), List.of(), List.of(), java.util.Optional.empty(), false))
        .hasMessage("score must be from 0 to 100, was -1.0");
    assertThatThrownBy(() -> new ProbeReport("db", "jdbc", Status.UP, 1, true, Set.of(),
        LatencyBudget.API, Duration.ofSeconds(10), Duration.ofSeconds(2), java.util.Optional.empty(), T, false, 0,
        FIVE_MINUTES, List.of(), Map.of(), List.of(), List.of(), java.util.Optional.empty(), false))
        .hasMessageStartingWith("kinds must name at least one");
  }

  @Test
  void trackerReportDefaultsAreATrackerThatHasRecordedNothing() {
    TrackerReport r = TrackerReport.builder("api").build();

    assertThat(r.name()).isEqualTo("api");
    assertThat(r.score()).isEqualTo(100.0);
    assertThat(r.budget()).isEqualTo(LatencyBudget.API);
    assertThat(r.count()).isZero();
    assertThat(r.errors()).isZero();
    assertThat(r.summary()).isEqualTo(FIVE_MINUTES);
    assertThat(r.windows()).containsExactly(FIVE_MINUTES);
    assertThat(r.availability()).isEmpty();
    assertThat(r.baseline()).isEmpty();
    assertThat(r.regression()).isFalse();
  }

  @Test
  void trackerReportBuilderSetsEveryComponentAndChecksItsArguments() {
    WindowStats summary = new WindowStats(Duration.ofMinutes(5), 10, 1, 1, 2, 3, 4);
    Baseline baseline = new Baseline(1, 2, 3, T);
    TrackerReport built = TrackerReport.builder("api").score(87.5).budget(LatencyBudget.VOICE).counts(1_234, 17)
        .summary(summary).windows(List.of(summary)).availability(ratios("1h", 0.98)).baseline(baseline)
        .regression(true).build();

    assertThat(built).isEqualTo(new TrackerReport("api", 87.5, LatencyBudget.VOICE, 1_234, 17, summary,
        List.of(summary), ratios("1h", 0.98), java.util.Optional.of(baseline), true));
    assertThat(built.toBuilder().build()).isEqualTo(built);
    assertThatThrownBy(() -> TrackerReport.builder("api").counts(3, 4))
        .hasMessage("need 0 <= errors <= count, was errors=4, count=3");
    assertThatThrownBy(() -> TrackerReport.builder("api").score(-0.5)).hasMessage("score must be from 0 to 100, was -0.5");
    assertThatThrownBy(() -> TrackerReport.builder("api").availability(ratios("1h", -0.1)))
        .hasMessage("availability '1h' must be a ratio from 0 to 1, was -0.1");
  }

  @Test
  void sloReportNeedsItsTrackerObjectiveAndWindowAndDefaultsTheRest() {
    SloReport r = SloReport.builder("api-ok").tracker("api").objective(0.99).window(Duration.ofDays(7)).build();

    assertThat(r).isEqualTo(new SloReport("api-ok", "api", 0.99, java.util.Optional.empty(), Duration.ofDays(7), 0, 0,
        1.0, Map.of()));
    assertThat(r.compliance()).isEqualTo(1.0);
    assertThatThrownBy(() -> SloReport.builder("api-ok").objective(0.99).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("objective 'api-ok' needs a tracker, an objective and a window; missing: tracker window");
    assertThatThrownBy(() -> SloReport.builder("api-ok").objective(1.0))
        .hasMessage("objective must be between 0 and 1 (exclusive), was 1.0");
    assertThatThrownBy(() -> SloReport.builder("api-ok").counts(5, 6))
        .hasMessage("need 0 <= bad <= total, was bad=6, total=5");
    assertThatThrownBy(() -> SloReport.builder("api-ok").window(Duration.ZERO)).hasMessage("window must be positive, was PT0S");
  }

  @Test
  void sloReportBuilderSetsEveryComponent() {
    Map<String, Double> burn = ratios("5m", 20.0, "1h", 15.0);
    SloReport built = SloReport.builder("checkout-fast").tracker("checkout").objective(0.999)
        .latencyThreshold(Duration.ofMillis(300)).window(Duration.ofDays(30)).counts(100_000, 40)
        .errorBudgetRemaining(-0.5).burnRates(burn).build();

    assertThat(built).isEqualTo(new SloReport("checkout-fast", "checkout", 0.999,
        java.util.Optional.of(Duration.ofMillis(300)), Duration.ofDays(30), 100_000, 40, -0.5, burn));
    assertThat(built.burnRates().keySet()).containsExactly("5m", "1h");
    assertThat(built.toBuilder().build()).isEqualTo(built);
  }

  @Test
  void healthReportToBuilderCopiesEveryComponent() {
    ProbeReport db = ProbeReport.builder("db").since(T).status(Status.DOWN).build();
    HealthReport r = HealthReport.builder().status(Status.DOWN).score(12.5).time(T).startedAt(T.minusSeconds(60))
        .coldStart(Duration.ofMillis(212)).probes(List.of(db)).trackers(List.of(TrackerReport.builder("api").build()))
        .groups(Map.of(ProbeKind.LIVENESS, Status.UP, ProbeKind.READINESS, Status.DOWN, ProbeKind.STARTUP, Status.UP))
        .problems(List.of("a problem")).slos(List.of(SloReport.builder("ok").tracker("api").objective(0.9)
            .window(Duration.ofDays(1)).build()))
        .notifiers(List.of(new NotifierStats("slack", 1, 0))).scheduleLag(Duration.ofMillis(5)).build();

    HealthReport copy = r.toBuilder().build();

    assertThat(copy.status()).isEqualTo(Status.DOWN);
    assertThat(copy.score()).isEqualTo(12.5);
    assertThat(copy.time()).isEqualTo(T);
    assertThat(copy.startedAt()).isEqualTo(T.minusSeconds(60));
    assertThat(copy.coldStart()).contains(Duration.ofMillis(212));
    assertThat(copy.probes()).containsExactly(db);
    assertThat(copy.trackers()).isEqualTo(r.trackers());
    assertThat(copy.status(ProbeKind.READINESS)).isEqualTo(Status.DOWN);
    assertThat(copy.problems()).containsExactly("a problem");
    assertThat(copy.slos()).isEqualTo(r.slos());
    assertThat(copy.notifiers()).isEqualTo(r.notifiers());
    assertThat(copy.maintenance()).isEqualTo(r.maintenance());
    assertThat(copy.scheduleLag()).isEqualTo(Duration.ofMillis(5));
    assertThat(r.toBuilder().score(99).build().score()).isEqualTo(99);
    assertThatThrownBy(() -> HealthReport.builder().score(101)).hasMessage("score must be from 0 to 100, was 101.0");
    assertThatThrownBy(() -> HealthReport.builder().scheduleLag(Duration.ofMillis(-1)))
        .hasMessage("scheduleLag must be zero or more, was PT-0.001S");
  }

  @Test
  void everyComponentOfAReportHasASetterOnItsBuilder() {
    // a component added to a report without a setter fails here, not in the tests of every module
    Map<String, String> pairs = Map.of("count", "counts", "errors", "counts", "total", "counts", "bad", "counts");
    for (Class<?> type : List.of(ProbeReport.class, TrackerReport.class, SloReport.class)) {
      Class<?> builder = java.util.Arrays.stream(type.getDeclaredClasses())
          .filter(c -> c.getSimpleName().equals("Builder")).findFirst().orElseThrow();
      java.util.Set<String> setters = java.util.Arrays.stream(builder.getMethods())
          .filter(m -> m.getReturnType() == builder).map(java.lang.reflect.Method::getName)
          .collect(java.util.stream.Collectors.toSet());
      for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
        if (c.getName().equals("name")) {
          continue; // given to builder(name)
        }
        assertThat(setters).as("%s.Builder sets %s", type.getSimpleName(), c.getName())
            .contains(pairs.getOrDefault(c.getName(), c.getName()));
      }
    }
  }

  private static Map<String, Double> ratios(Object... keysAndValues) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], (Double) keysAndValues[i + 1]);
    }
    return m;
  }
}
