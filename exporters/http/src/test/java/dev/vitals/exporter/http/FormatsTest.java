package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void rangesAreDatedForwardAndShowSecondsWithinOneMinute() {
    Instant t = Instant.parse("2026-11-27T17:19:05Z");

    assertThat(Formats.range(t, t.plus(Duration.ofMinutes(2)))).isEqualTo("2026-11-27 17:19\u201317:21 UTC");
    assertThat(Formats.range(t, t.plusSeconds(40))).isEqualTo("2026-11-27 17:19:05\u201317:19:45 UTC");
    assertThat(Formats.range(t.minus(Duration.ofHours(24)), t.minus(Duration.ofMinutes(2))))
        .isEqualTo("2026-11-26 17:19 \u2013 2026-11-27 17:17 UTC");
  }

  @Test
  void formatsLatenciesAndDurationsForPeople() {
    assertThat(Formats.millis(420_000)).isEqualTo("0.42 ms");
    assertThat(Formats.millis(12_345_678)).isEqualTo("12.3 ms");
    assertThat(Formats.millis(240_400_000)).isEqualTo("240 ms");
    assertThat(Formats.millis(1_250_000_000)).isEqualTo("1.25 s");
    assertThat(Formats.duration(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(Formats.duration(Duration.ofSeconds(725))).isEqualTo("12m 5s");
    assertThat(Formats.duration(Duration.ofMinutes(312))).isEqualTo("5h 12m");
    assertThat(Formats.duration(Duration.ofHours(76))).isEqualTo("3d 4h");
    assertThat(Formats.duration(Duration.ofSeconds(-5))).isEqualTo("0s");
  }

  @Test
  void objectivesAreShownInPercentWithUpToThreeDecimals() {
    assertThat(Formats.objectivePercent(0.999)).isEqualTo("99.9 %");
    assertThat(Formats.objectivePercent(0.9995)).isEqualTo("99.95 %");
    assertThat(Formats.objectivePercent(0.99)).isEqualTo("99 %");
    assertThat(Formats.objectivePercent(0.99999)).isEqualTo("99.999 %");
    assertThat(Formats.objectivePercent(0.5)).isEqualTo("50 %");
  }
}
