package dev.vitals.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A notifier's routing: an immutable value with a default for every part, shown as configuration writes it. */
class NotifierRoutingTest {

  @Test
  void theJavadocExamplesCompileAndMeanWhatTheySay() {
    assertThat(NotifierRouting.all()).hasToString("severities=all rules=all subjects=all");
    assertThat(NotifierRouting.of(Alert.Severity.CRITICAL)).hasToString("severities=critical rules=all subjects=all");
    assertThat(NotifierRouting.none()).hasToString("severities=none rules=all subjects=all");
    assertThat(NotifierRouting.all().withRules(List.of("probe-down", "slo-burn")))
        .hasToString("severities=all rules=probe-down,slo-burn subjects=all");
  }

  @Test
  void everyPartDefaultsToEverything() {
    NotifierRouting all = NotifierRouting.all();
    assertThat(all.severities()).containsExactlyInAnyOrder(Alert.Severity.values());
    assertThat(all.rules()).isEmpty();
    assertThat(all.subjects()).isEmpty();
    assertThat(all.receivesNothing()).isFalse();
  }

  @Test
  void noSeverityMeansNothingIsReceived() {
    assertThat(NotifierRouting.none().receivesNothing()).isTrue();
    assertThat(NotifierRouting.of().receivesNothing()).isTrue();
    assertThat(NotifierRouting.of(List.of())).isEqualTo(NotifierRouting.none());
    assertThat(NotifierRouting.all().withSeverities(Set.of()).receivesNothing()).isTrue();
  }

  @Test
  void withersChangeOnePartAndLeaveTheOriginalAlone() {
    NotifierRouting pager = NotifierRouting.of(Alert.Severity.CRITICAL);
    NotifierRouting narrowed = pager.withRules(List.of("probe-down")).withSubjects(List.of("db", "service"));

    assertThat(pager.rules()).isEmpty();
    assertThat(narrowed.severities()).containsExactly(Alert.Severity.CRITICAL);
    assertThat(narrowed.rules()).contains(Set.of("probe-down"));
    assertThat(narrowed.subjects().orElseThrow()).containsExactly("db", "service");
    assertThat(narrowed.withEveryRule().withEverySubject()).isEqualTo(pager).hasSameHashCodeAs(pager);
    assertThat(narrowed.withSeverities(List.of(Alert.Severity.WARNING)).severities()).containsExactly(Alert.Severity.WARNING);
  }

  @Test
  void itHoldsNoReferenceToWhatItWasGiven() {
    List<String> subjects = new ArrayList<>(List.of("db"));
    List<Alert.Severity> severities = new ArrayList<>(List.of(Alert.Severity.WARNING));
    NotifierRouting r = NotifierRouting.of(severities).withSubjects(subjects);
    subjects.add("cache");
    severities.add(Alert.Severity.CRITICAL);

    assertThat(r.subjects().orElseThrow()).containsExactly("db");
    assertThat(r.severities()).containsExactly(Alert.Severity.WARNING);
    assertThatThrownBy(() -> r.severities().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.subjects().orElseThrow().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void unknownRulesEmptyListsAndBlankNamesAreRefused() {
    assertThatThrownBy(() -> NotifierRouting.all().withRules(List.of("latency", "speed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no alert rule 'speed': expected one of " + AlertRuleSettings.RULES);
    assertThatThrownBy(() -> NotifierRouting.all().withRules(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NotifierRouting.none()");
    assertThatThrownBy(() -> NotifierRouting.all().withSubjects(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NotifierRouting.of((Alert.Severity) null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aFactoryRoutesEveryAlertUnlessItSaysOtherwise() {
    NotifierFactory plain = new NotifierFactory() {
      @Override
      public String type() {
        return "plain";
      }

      @Override
      public Set<String> keys() {
        return Set.of();
      }

      @Override
      public dev.vitals.api.spi.Notifier create(NotifierConfig config) {
        throw new UnsupportedOperationException();
      }
    };
    assertThat(plain.defaultRouting()).isEqualTo(NotifierRouting.all());
  }
}
