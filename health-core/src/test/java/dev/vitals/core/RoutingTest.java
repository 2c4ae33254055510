package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Alert;
import dev.vitals.api.Alert.Severity;
import dev.vitals.api.Alert.State;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.NotifierRouting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One notifier's routing: which firing alerts it takes ({@code severities}, {@code rules},
 * {@code subjects} over its type's default), and that reminders and resolves follow the firing.
 */
class RoutingTest {

  private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

  private final List<String> problems = new ArrayList<>();

  private Routing routing(NotifierRouting defaults, String... keysAndValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("vitals.notifiers.oncall.type", "pagerduty");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put("vitals.notifiers.oncall." + keysAndValues[i], keysAndValues[i + 1]);
    }
    return Routing.from(defaults, "pagerduty", Config.of(settings).scoped("vitals.notifiers.oncall."), problems);
  }

  private static Alert alert(String rule, String subject, State state, Severity severity, boolean repeat) {
    return alert(rule, subject, "probe", state, severity, repeat);
  }

  private static Alert alert(String rule, String subject, String kind, State state, Severity severity,
      boolean repeat) {
    return new Alert(rule, subject, state, severity, rule + " on " + subject, 1, 1, "status", T, T, repeat,
        Optional.empty(), Map.of("kind", kind));
  }

  private static Alert firing(String rule, String subject, Severity severity) {
    return alert(rule, subject, State.FIRING, severity, false);
  }

  private static Alert reminder(String rule, String subject, Severity severity) {
    return alert(rule, subject, State.FIRING, severity, true);
  }

  private static Alert resolved(String rule, String subject, Severity severity) {
    return alert(rule, subject, State.RESOLVED, severity, false);
  }

  @Test
  void withoutKeysTheTypesDefaultApplies() {
    Routing pager = routing(NotifierRouting.of(Severity.CRITICAL));

    assertThat(problems).isEmpty();
    assertThat(pager.filter()).isEqualTo(NotifierRouting.of(Severity.CRITICAL));
    assertThat(pager.route(firing("probe-down", "db", Severity.CRITICAL))).isTrue();
    assertThat(pager.route(firing("cold-start", "service", Severity.WARNING))).isFalse();
  }

  @Test
  void severitiesKeepOnlyTheListedSeverities() {
    Routing critical = routing(NotifierRouting.all(), "severities", "critical");
    Routing warning = routing(NotifierRouting.of(Severity.CRITICAL), "severities", "warning");
    Routing both = routing(NotifierRouting.none(), "severities", " Warning , CRITICAL ");

    assertThat(problems).isEmpty();
    assertThat(critical.route(firing("latency", "db", Severity.WARNING))).isFalse();
    assertThat(critical.route(firing("probe-down", "db", Severity.CRITICAL))).isTrue();
    assertThat(warning.route(firing("latency", "db", Severity.WARNING))).isTrue();
    assertThat(warning.route(firing("probe-down", "db", Severity.CRITICAL))).isFalse();
    assertThat(both.filter().severities()).containsExactlyInAnyOrder(Severity.values());
  }

  @Test
  void severitiesAllAndNoneOverrideTheTypesDefault() {
    Routing all = routing(NotifierRouting.none(), "severities", "all");
    Routing none = routing(NotifierRouting.all(), "severities", "NONE");

    assertThat(problems).isEmpty();
    assertThat(all.route(firing("cold-start", "service", Severity.WARNING))).isTrue();
    assertThat(none.route(firing("probe-down", "db", Severity.CRITICAL))).isFalse();
    assertThat(none.filter().receivesNothing()).isTrue();
  }

  @Test
  void rulesKeepOnlyTheListedRules() {
    Routing r = routing(NotifierRouting.all(), "rules", "probe-down, slo-burn");

    assertThat(problems).isEmpty();
    assertThat(r.route(firing("probe-down", "db", Severity.CRITICAL))).isTrue();
    assertThat(r.route(firing("slo-burn", "checkout-slo", Severity.WARNING))).isTrue();
    assertThat(r.route(firing("cold-start", "service", Severity.WARNING))).isFalse();
    assertThat(r.route(firing("latency", "db", Severity.WARNING))).isFalse();
    assertThat(routing(NotifierRouting.all().withRules(List.of("latency")), "rules", "all").filter().rules()).isEmpty();
  }

  @Test
  void subjectsKeepOnlyTheListedSubjectsAndServiceIsTheServicesOwn() {
    Routing r = routing(NotifierRouting.all(), "subjects", "db,service");

    assertThat(problems).isEmpty();
    assertThat(r.route(firing("probe-down", "db", Severity.CRITICAL))).isTrue();
    assertThat(r.route(firing("cold-start", "service", Severity.WARNING))).isTrue();
    assertThat(r.route(firing("probe-down", "cache", Severity.CRITICAL))).isFalse();
    assertThat(r.route(alert("latency", "db", "tracker", State.FIRING, Severity.WARNING, false)))
        .as("a tracker named like a listed probe is listed too").isTrue();
  }

  @Test
  void everyPartMustMatch() {
    Routing r = routing(NotifierRouting.all(), "severities", "critical", "rules", "probe-down", "subjects", "db");

    assertThat(r.route(firing("probe-down", "db", Severity.CRITICAL))).isTrue();
    assertThat(r.route(firing("probe-down", "db-replica", Severity.CRITICAL))).isFalse();
    assertThat(r.route(firing("probe-down", "cache", Severity.WARNING))).isFalse();
    assertThat(r.route(firing("slo-burn", "db", Severity.CRITICAL))).isFalse();
  }

  @Test
  void theKeysOverrideTheDefaultOnePartAtATime() {
    NotifierRouting defaults = NotifierRouting.of(Severity.CRITICAL).withSubjects(List.of("db"));
    Routing r = routing(defaults, "rules", "probe-down");

    assertThat(r.filter()).isEqualTo(defaults.withRules(List.of("probe-down")));
  }

  @Test
  void aResolveGoesExactlyWhereItsFiringWent() {
    Routing pager = routing(NotifierRouting.of(Severity.CRITICAL));
    Routing chat = routing(NotifierRouting.all());

    assertThat(pager.route(firing("latency", "db", Severity.WARNING))).isFalse();
    assertThat(chat.route(firing("latency", "db", Severity.WARNING))).isTrue();
    assertThat(pager.route(resolved("latency", "db", Severity.WARNING))).as("it never saw the firing").isFalse();
    assertThat(chat.route(resolved("latency", "db", Severity.WARNING))).isTrue();
    assertThat(chat.route(resolved("latency", "db", Severity.WARNING))).as("one resolve per firing").isFalse();
  }

  @Test
  void aReminderGoesExactlyWhereItsFiringWent() {
    Routing pager = routing(NotifierRouting.of(Severity.CRITICAL));

    assertThat(pager.route(reminder("probe-down", "db", Severity.CRITICAL)))
        .as("a reminder of an alert it never received").isFalse();
    assertThat(pager.route(firing("probe-down", "db", Severity.CRITICAL))).isTrue();
    assertThat(pager.route(reminder("probe-down", "db", Severity.CRITICAL))).isTrue();
    assertThat(pager.route(reminder("latency", "db", Severity.WARNING))).isFalse();
  }

  @Test
  void anEscalationReachesCriticalOnlyNotifiersAndItsRemindersAndResolveFollow() {
    Routing pager = routing(NotifierRouting.of(Severity.CRITICAL));
    Routing warnings = routing(NotifierRouting.all(), "severities", "warning");

    assertThat(pager.route(firing("slo-burn", "checkout-slo", Severity.WARNING))).isFalse();
    assertThat(warnings.route(firing("slo-burn", "checkout-slo", Severity.WARNING))).isTrue();
    // the burn speeds up: a new firing notification, now critical
    assertThat(pager.route(firing("slo-burn", "checkout-slo", Severity.CRITICAL))).isTrue();
    assertThat(warnings.route(firing("slo-burn", "checkout-slo", Severity.CRITICAL))).isFalse();
    // it slows down again: a warning reminder, and then the resolve, reach both
    assertThat(pager.route(reminder("slo-burn", "checkout-slo", Severity.WARNING))).isTrue();
    assertThat(warnings.route(reminder("slo-burn", "checkout-slo", Severity.CRITICAL))).isTrue();
    assertThat(pager.route(resolved("slo-burn", "checkout-slo", Severity.WARNING))).isTrue();
    assertThat(warnings.route(resolved("slo-burn", "checkout-slo", Severity.WARNING))).isTrue();
  }

  @Test
  void aNewIncidentAfterAResolveIsRoutedAfresh() {
    Routing pager = routing(NotifierRouting.of(Severity.CRITICAL));

    assertThat(pager.route(firing("probe-down", "db", Severity.CRITICAL))).isTrue();
    assertThat(pager.route(resolved("probe-down", "db", Severity.CRITICAL))).isTrue();
    assertThat(pager.route(reminder("probe-down", "db", Severity.CRITICAL))).isFalse();
    assertThat(pager.route(firing("probe-down", "db", Severity.WARNING))).as("a non-critical probe now").isFalse();
    assertThat(pager.route(resolved("probe-down", "db", Severity.WARNING))).isFalse();
  }

  @Test
  void aProbeAndATrackerOfTheSameNameAreFollowedApart() {
    Routing r = routing(NotifierRouting.all(), "severities", "critical");

    assertThat(r.route(alert("latency", "checkout", "probe", State.FIRING, Severity.CRITICAL, false))).isTrue();
    assertThat(r.route(alert("latency", "checkout", "tracker", State.RESOLVED, Severity.CRITICAL, false))).isFalse();
    assertThat(r.route(alert("latency", "checkout", "probe", State.RESOLVED, Severity.CRITICAL, false))).isTrue();
  }

  @Test
  void badValuesAreEachReportedWithTheKeyTheValueAndWhatIsAllowed() {
    routing(NotifierRouting.all(), "severities", "critical,info", "rules", "probe-down,speed", "subjects", "db,-x");
    routing(NotifierRouting.all(), "severities", "all,none", "rules", "all,latency", "subjects", "all,db");

    assertThat(problems).containsExactly(
        "vitals.notifiers.oncall.severities = 'critical,info' is not allowed: expected " + Routing.SEVERITIES_FORM,
        "vitals.notifiers.oncall.rules = 'probe-down,speed' is not allowed: expected " + Routing.RULES_FORM,
        "vitals.notifiers.oncall.subjects = 'db,-x' is not allowed: expected " + Routing.SUBJECTS_FORM,
        "vitals.notifiers.oncall.severities = 'all,none' is not allowed: expected " + Routing.SEVERITIES_FORM,
        "vitals.notifiers.oncall.rules = 'all,latency' is not allowed: expected " + Routing.RULES_FORM,
        "vitals.notifiers.oncall.subjects = 'all,db' is not allowed: expected " + Routing.SUBJECTS_FORM);
    assertThat(Routing.SEVERITIES_FORM).isEqualTo("a comma-separated list of critical, warning; or all; or none");
    assertThat(Routing.RULES_FORM).isEqualTo("a comma-separated list of rules among [probe-down, latency, error-rate,"
        + " availability, cold-start, regression, slo-burn]; or all");
  }

  @Test
  void aNotifierThatReceivesNothingSaysWhichKeyChangesIt() {
    assertThat(routing(NotifierRouting.none()).silence()).contains("type pagerduty sends none by default"
        + " (severities=none rules=all subjects=all); set vitals.notifiers.oncall.severities to critical, warning or"
        + " all to send it alerts");
    assertThat(routing(NotifierRouting.all(), "severities", "none").silence())
        .contains("vitals.notifiers.oncall.severities = none; set it to critical, warning or all to send it alerts");
    assertThat(routing(NotifierRouting.none(), "severities", "critical").silence()).isEmpty();
    assertThat(routing(NotifierRouting.all()).silence()).isEmpty();
  }
}
