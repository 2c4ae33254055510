package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ScoreBand;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The calibration of docs/scoring.md (its anchors, its bands and its worked examples), and the probe
 * and service scores that read like the status.
 */
class ScoresTest {

  private static final LatencyBudget DB = LatencyBudget.of(Duration.ofMillis(50), Duration.ofMillis(100));
  private static final LatencyBudget API = LatencyBudget.API;

  private static long ms(double v) {
    return (long) (v * 1_000_000L);
  }

  @Test
  void latencyPartIs100OnTarget70AtTwiceTheTargetAnd0AtFourTimes() {
    assertThat(Scores.latency(0, DB)).as("empty window").isEqualTo(100.0);
    assertThat(Scores.latency(ms(50), DB)).as("at target").isEqualTo(100.0);
    assertThat(Scores.latency(ms(60), DB)).isCloseTo(94.0, within(1e-9));
    assertThat(Scores.latency(ms(50 * 4 / 3.0), DB)).as("a third of the way: the healthy band's edge")
        .isCloseTo(90.0, within(1e-3));
    assertThat(Scores.latency(ms(100), DB)).as("2x target, the latency alert").isCloseTo(70.0, within(1e-9));
    assertThat(Scores.latency(ms(150), DB)).as("halfway to 4x target").isCloseTo(35.0, within(1e-9));
    assertThat(Scores.latency(ms(200), DB)).as("4x target").isEqualTo(0.0);
    assertThat(Scores.latency(ms(10_000), DB)).isEqualTo(0.0);
    assertThat(Scores.latency(ms(400), API)).as("2x the API target, below its acceptable 500 ms")
        .isCloseTo(70.0, within(1e-9));
  }

  @Test
  void errorPartIs100AtNoErrors70At5PercentAnd0At10() {
    assertThat(Scores.errors(0.0)).isEqualTo(100.0);
    assertThat(Scores.errors(0.01)).isCloseTo(94.0, within(1e-9));
    assertThat(Scores.errors(0.05 / 3)).as("the healthy band's edge").isCloseTo(90.0, within(1e-9));
    assertThat(Scores.errors(0.05)).as("the 5 % alert threshold").isCloseTo(70.0, within(1e-9));
    assertThat(Scores.errors(0.075)).isCloseTo(35.0, within(1e-9));
    assertThat(Scores.errors(0.10)).isEqualTo(0.0);
    assertThat(Scores.errors(1.0)).as("100 % errors").isEqualTo(0.0);
  }

  @Test
  void availabilityPartIs100AtFullAvailability70At99PercentAnd0At98() {
    assertThat(Scores.availability(1.0)).isEqualTo(100.0);
    assertThat(Scores.availability(0.999)).isCloseTo(97.0, within(1e-9));
    assertThat(Scores.availability(0.99)).as("the 99 % alert threshold").isCloseTo(70.0, within(1e-9));
    assertThat(Scores.availability(0.985)).isCloseTo(35.0, within(1e-9));
    assertThat(Scores.availability(0.98)).isCloseTo(0.0, within(1e-9));
    assertThat(Scores.availability(0.0)).isEqualTo(0.0);
  }

  @Test
  void everyFigureOnTargetScores100() {
    assertThat(Scores.score(ms(50), DB, 0.0, 1.0)).isEqualTo(100.0);
    assertThat(Scores.tracker(ms(200), API, 0.0)).isEqualTo(100.0);
  }

  @Test
  void everyFigureExactlyAtItsAlertThresholdScoresTheBottomOfTheAttentionBand() {
    assertThat(Scores.score(ms(100), DB, 0.05, 0.99)).isEqualTo(ScoreBand.ATTENTION_MIN);
    assertThat(Scores.tracker(ms(400), API, 0.05)).isEqualTo(ScoreBand.ATTENTION_MIN);
  }

  @Test
  void figuresWithinEveryAlertThresholdNeverScoreInTheBadBand() {
    for (int latency = 0; latency <= 100; latency += 5) {
      for (int errorsPerMille = 0; errorsPerMille <= 50; errorsPerMille += 5) {
        for (int availabilityPerTenThousand = 9900; availabilityPerTenThousand <= 10_000;
            availabilityPerTenThousand += 10) {
          double score = Scores.score(ms(latency), DB, errorsPerMille / 1000.0, availabilityPerTenThousand / 10_000.0);
          assertThat(ScoreBand.of(score)).as("p95 %d ms, %d per mille errors, availability %d / 10,000", latency,
              errorsPerMille, availabilityPerTenThousand).isNotEqualTo(ScoreBand.BAD);
        }
      }
    }
  }

  @Test
  void anyOneFigurePastItsAlertThresholdScoresInTheBadBandWhateverTheOthers() {
    assertThat(ScoreBand.of(Scores.score(ms(101), DB, 0.0, 1.0))).as("p95 just past 2x target").isEqualTo(ScoreBand.BAD);
    assertThat(ScoreBand.of(Scores.score(ms(10), DB, 0.051, 1.0))).as("errors just past 5 %").isEqualTo(ScoreBand.BAD);
    assertThat(ScoreBand.of(Scores.score(ms(10), DB, 0.0, 0.989))).as("availability just below 99 %")
        .isEqualTo(ScoreBand.BAD);
    assertThat(Scores.tracker(ms(100), API, 0.5)).as("50 % errors are not averaged away by a fast p95").isEqualTo(0.0);
  }

  @Test
  void aTrackerAtThreeAndAHalfPercentFailuresWithinItsLatencyTargetNeedsAttentionButIsNotBad() {
    double score = Scores.tracker(ms(150), API, 0.035);

    assertThat(score).isEqualTo(79.0);
    assertThat(ScoreBand.of(score)).isEqualTo(ScoreBand.ATTENTION);
  }

  @Test
  void theScoreIsMonotoneInEachInput() {
    double previous = 101;
    for (int latency = 0; latency <= 300; latency += 5) {
      double s = Scores.score(ms(latency), DB, 0.02, 0.995);
      assertThat(s).isLessThanOrEqualTo(previous);
      previous = s;
    }
    previous = 101;
    for (int errors = 0; errors <= 100; errors++) {
      double s = Scores.score(ms(60), DB, errors / 100.0, 0.995);
      assertThat(s).isLessThanOrEqualTo(previous);
      previous = s;
    }
    previous = -1;
    for (int a = 900; a <= 1000; a++) {
      double s = Scores.score(ms(60), DB, 0.02, a / 1000.0);
      assertThat(s).isGreaterThanOrEqualTo(previous);
      previous = s;
    }
    previous = 101;
    for (int errors = 0; errors <= 200; errors++) {
      double s = Scores.tracker(ms(250), API, errors / 1000.0);
      assertThat(s).isLessThanOrEqualTo(previous);
      previous = s;
    }
  }

  @Test
  void aProbeScoresZeroWhenDownOrUnknownAndAtMost70WhenDegraded() {
    assertThat(Scores.probe(Status.DOWN, ms(10), DB, 0.0, 1.0)).isEqualTo(0.0);
    assertThat(Scores.probe(Status.UNKNOWN, 0, DB, 0.0, 1.0)).isEqualTo(0.0);
    assertThat(Scores.probe(Status.DEGRADED, ms(10), DB, 0.0, 1.0)).as("figures on target")
        .isEqualTo(ScoreBand.ATTENTION_MIN);
    assertThat(Scores.probe(Status.DEGRADED, ms(150), DB, 0.0, 1.0)).as("figures past an alert threshold")
        .isEqualTo(35.0);
    assertThat(Scores.probe(Status.UP, ms(75), DB, 0.0, 1.0)).isEqualTo(85.0);
  }

  @Test
  void theServiceScoresItsWorstCriticalProbeOrTracker() {
    List<ProbeReport> probes = List.of(probe("db", Status.UP, 100, true), probe("orders", Status.UP, 94, true));

    assertThat(Scores.service(probes, List.of(tracker("api", 1000, 85)))).isEqualTo(85.0);
    assertThat(Scores.service(probes, List.of(tracker("api", 1000, 100)))).isEqualTo(94.0);
  }

  @Test
  void aServiceWithACriticalProbeDownScoresZero() {
    List<ProbeReport> probes = List.of(probe("db", Status.DOWN, 0, true), probe("cache", Status.UP, 100, true),
        probe("search", Status.UP, 100, true));

    assertThat(Scores.service(probes, List.of(tracker("api", 1000, 100)))).isEqualTo(0.0);
  }

  @Test
  void aNonCriticalProbeNeverPullsTheServiceIntoTheBadBand() {
    List<ProbeReport> down = List.of(probe("db", Status.UP, 100, true), probe("cache", Status.DOWN, 0, false));
    List<ProbeReport> slow = List.of(probe("db", Status.UP, 100, true), probe("cache", Status.UP, 85, false));

    assertThat(Scores.service(down, List.of())).as("DEGRADED by it: needs attention")
        .isEqualTo(ScoreBand.ATTENTION_MIN);
    assertThat(Scores.service(slow, List.of())).as("its own attention counts").isEqualTo(85.0);
  }

  @Test
  void oneBadTrackerMakesTheServiceBadWhereAWeightedMeanShowedItHealthy() {
    List<ProbeReport> probes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      probes.add(probe("p" + i, Status.UP, 100, true));
    }
    List<TrackerReport> trackers = List.of(tracker("checkout", 5000, 30));
    // the weighted mean the service score used to be: critical probes 3, trackers 2
    double weighted = (5 * 3 * 100 + 2 * 30) / (5 * 3 + 2.0);

    assertThat(ScoreBand.of(weighted)).isEqualTo(ScoreBand.HEALTHY);
    assertThat(Scores.service(probes, trackers)).isEqualTo(30.0);
  }

  @Test
  void theServiceLeavesOutUnknownProbesAndIdleTrackersAndScores100WithNothingLeft() {
    List<ProbeReport> probes = List.of(probe("db", Status.UNKNOWN, 0, true), probe("cache", Status.UP, 97, false));

    assertThat(Scores.service(probes, List.of(tracker("api", 0, 0)))).isEqualTo(97.0);
    assertThat(Scores.service(List.of(probe("db", Status.UNKNOWN, 0, true)), List.of())).isEqualTo(100.0);
    assertThat(Scores.service(List.of(), List.of())).isEqualTo(100.0);
  }

  @Test
  void theWorkedExamplesOfTheDocs() throws IOException {
    List<String[]> rows = workedExamples();

    assertThat(rows).as("rows of the worked examples in docs/scoring.md").hasSizeGreaterThanOrEqualTo(10);
    assertThat(rows).extracting(r -> r[0]).contains("probe", "tracker");
    for (String[] r : rows) {
      String row = String.join(" | ", r);
      LatencyBudget budget = r[1].equals("database") ? DB : r[1].equals("API") ? API : null;
      assertThat(budget).as("budget of %s", row).isNotNull();
      long p95 = ms(number(r[2], " ms"));
      double errorRate = number(r[3], " %") / 100;
      boolean tracker = r[0].equals("tracker");
      assertThat(r[4].equals("–")).as("a tracker, and only a tracker, has no availability: %s", row).isEqualTo(tracker);
      assertThat(Scores.latency(p95, budget)).as("L of %s", row).isCloseTo(number(r[5], ""), within(0.05));
      assertThat(Scores.errors(errorRate)).as("E of %s", row).isCloseTo(number(r[6], ""), within(0.05));
      double score;
      if (tracker) {
        assertThat(r[7]).as("A of %s", row).isEqualTo("–");
        score = Scores.tracker(p95, budget, errorRate);
      } else {
        double availability = number(r[4], " %") / 100;
        assertThat(Scores.availability(availability)).as("A of %s", row).isCloseTo(number(r[7], ""), within(0.05));
        score = Scores.score(p95, budget, errorRate, availability);
      }
      assertThat(score).as("score of %s", row).isEqualTo(number(r[8].replace("**", ""), ""));
      assertThat(band(r[9])).as("band of %s", row).isEqualTo(ScoreBand.of(score));
    }
  }

  private static ProbeReport probe(String name, Status status, double score, boolean critical) {
    return ProbeReport.builder(name).type("test").status(status).score(score).critical(critical).budget(DB)
        .since(Instant.EPOCH).build();
  }

  private static TrackerReport tracker(String name, long count, double score) {
    return TrackerReport.builder(name).score(score).budget(API).counts(count, 0).build();
  }

  private static List<String[]> workedExamples() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "docs", "scoring.md"), StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    int i = lines.indexOf("| subject | budget | p95 | error rate | availability | L | E | A | score | band |");
    assertThat(i).as("the worked examples' header in docs/scoring.md").isNotNegative();
    for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String line = lines.get(i);
      String[] cells = line.substring(1, line.length() - 1).split("\\|");
      for (int c = 0; c < cells.length; c++) {
        cells[c] = cells[c].trim();
      }
      assertThat(cells).as(line).hasSize(10);
      rows.add(cells);
    }
    return rows;
  }

  private static double number(String cell, String unit) {
    assertThat(cell).endsWith(unit);
    return Double.parseDouble(cell.substring(0, cell.length() - unit.length()));
  }

  private static ScoreBand band(String name) {
    switch (name) {
      case "healthy":
        return ScoreBand.HEALTHY;
      case "needs attention":
        return ScoreBand.ATTENTION;
      case "bad":
        return ScoreBand.BAD;
      default:
        throw new AssertionError("unknown band in docs/scoring.md: " + name);
    }
  }
}
