package dev.vitals.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert rules' settings: defaults, overrides, and every mistake reported at once. */
class AlertRuleSettingsTest {

  @Test
  void defaultsAreThePerformanceGuides() {
    AlertRuleSettings s = AlertRuleSettings.from(Config.of(Map.of()));
    assertThat(s.rules().keySet()).containsExactlyElementsOf(AlertRuleSettings.RULES);
    assertThat(s.rule("latency").threshold()).isEqualTo(2.0);
    assertThat(s.rule("latency").forDuration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.rule("error-rate").threshold()).isEqualTo(0.05);
    assertThat(s.rule("availability").threshold()).isEqualTo(0.99);
    assertThat(s.rule("cold-start").threshold()).isEqualTo(500);
    assertThat(s.rule("probe-down").forDuration()).isZero();
    assertThat(s.rule("slo-burn").applies("checkout")).isTrue();
    assertThat(s.repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(s.link()).isEmpty();
  }

  @Test
  void settingsOverrideTheDefaultsAndExclusionsKeepTheirOrder() {
    AlertRuleSettings s = AlertRuleSettings.from(Config.of(Map.of(
        "vitals.alerts.latency.threshold", "3",
        "vitals.alerts.latency.for", "30s",
        "vitals.alerts.latency.exclude", "zeta, alpha,,mid",
        "vitals.alerts.regression.enabled", "false",
        "vitals.alerts.repeat-interval", "0s",
        "vitals.alerts.link", "https://runbooks.example/vitals")));
    assertThat(s.rule("latency").threshold()).isEqualTo(3.0);
    assertThat(s.rule("latency").forDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.rule("latency").exclude()).containsExactly("zeta", "alpha", "mid");
    assertThat(s.rule("latency").applies("alpha")).isFalse();
    assertThat(s.rule("latency").applies("db")).isTrue();
    assertThat(s.rule("regression").applies("db")).isFalse();
    assertThat(s.repeatInterval()).isZero();
    assertThat(s.link()).contains("https://runbooks.example/vitals");
  }

  @Test
  void everyMistakeIsReportedWithKeyValueAndWhatIsAllowed() {
    List<String> problems = new ArrayList<>();
    AlertRuleSettings s = AlertRuleSettings.from(Config.of(Map.of(
        "vitals.alerts.latency.threshold", "0.5",
        "vitals.alerts.error-rate.threshold", "lots",
        "vitals.alerts.probe-down.threshold", "1",
        "vitals.alerts.availability.for", "soon",
        "vitals.alerts.cold-start.enabled", "maybe",
        "vitals.alerts.latency.treshold", "2",
        "vitals.alerts.lateny.threshold", "2",
        "vitals.alerts.repeat-interval", "often")), problems);
    assertThat(problems).hasSize(8).anySatisfy(p -> assertThat(p)
        .isEqualTo("vitals.alerts.latency.threshold = '0.5' is not allowed: expected a multiple of the budget's"
            + " target from 1 to 100, such as 2"))
        .anySatisfy(p -> assertThat(p).startsWith("vitals.alerts.error-rate.threshold = 'lots' is not allowed"))
        .anySatisfy(p -> assertThat(p).contains("vitals.alerts.probe-down.threshold").contains("has none"))
        .anySatisfy(p -> assertThat(p).startsWith("vitals.alerts.availability.for = 'soon' is not allowed"))
        .anySatisfy(p -> assertThat(p).startsWith("vitals.alerts.cold-start.enabled"))
        .anySatisfy(p -> assertThat(p).isEqualTo("vitals.alerts.latency.treshold is not a known key: expected one of"
            + " [enabled, for, threshold, exclude]"))
        .anySatisfy(p -> assertThat(p).startsWith("vitals.alerts.lateny.threshold is not a known key"))
        .anySatisfy(p -> assertThat(p).startsWith("vitals.alerts.repeat-interval = 'often' is not allowed"));
    assertThat(s.rule("latency").threshold()).as("a bad value keeps the default").isEqualTo(2.0);
    assertThatThrownBy(() -> AlertRuleSettings.from(Config.of(Map.of("vitals.alerts.latency.threshold", "0.5"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("vitals.alerts.latency.threshold = '0.5'");
    assertThatThrownBy(() -> s.rule("latencies")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no alert rule 'latencies': expected one of [probe-down, latency");
  }
}
