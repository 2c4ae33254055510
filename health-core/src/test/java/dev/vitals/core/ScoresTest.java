package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vitals.api.LatencyBudget;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The documented values of docs/scoring.md, at every edge. */
class ScoresTest {

  private static final LatencyBudget DB = LatencyBudget.of(Duration.ofMillis(50), Duration.ofMillis(100));

  private static long ms(double v) {
    return (long) (v * 1_000_000L);
  }

  @Test
  void latencyPartAtItsEdges() {
    assertThat(Scores.latency(0, DB)).isEqualTo(100.0);
    assertThat(Scores.latency(ms(50), DB)).as("at target").isEqualTo(100.0);
    assertThat(Scores.latency(ms(75), DB)).as("halfway to acceptable").isEqualTo(75.0);
    assertThat(Scores.latency(ms(100), DB)).as("at acceptable").isEqualTo(50.0);
    assertThat(Scores.latency(ms(150), DB)).as("halfway to twice acceptable").isEqualTo(25.0);
    assertThat(Scores.latency(ms(200), DB)).as("at twice acceptable").isEqualTo(0.0);
    assertThat(Scores.latency(ms(10_000), DB)).isEqualTo(0.0);
  }

  @Test
  void errorPartAtItsEdges() {
    assertThat(Scores.errors(0.0)).isEqualTo(100.0);
    assertThat(Scores.errors(0.05)).as("the 5 % alert threshold").isCloseTo(50.0, within(1e-9));
    assertThat(Scores.errors(0.10)).isEqualTo(0.0);
    assertThat(Scores.errors(1.0)).as("100 % errors").isEqualTo(0.0);
  }

  @Test
  void availabilityPartAtItsEdges() {
    assertThat(Scores.availability(1.0)).isEqualTo(100.0);
    assertThat(Scores.availability(0.99)).as("the 99 % alert threshold").isCloseTo(50.0, within(1e-9));
    assertThat(Scores.availability(0.98)).isCloseTo(0.0, within(1e-9));
    assertThat(Scores.availability(0.0)).isEqualTo(0.0);
  }

  @Test
  void theWorkedExamplesOfTheDocs() {
    assertThat(Scores.score(ms(40), DB, 0.0, 1.0)).isEqualTo(100.0);
    assertThat(Scores.score(ms(75), DB, 0.01, 0.999)).isEqualTo(85.5);
    assertThat(Scores.score(ms(120), DB, 0.05, 0.99)).isEqualTo(46.0);
    assertThat(Scores.score(ms(250), DB, 0.20, 0.90)).isEqualTo(0.0);
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
  }
}
