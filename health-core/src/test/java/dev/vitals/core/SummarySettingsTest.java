package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.Notifier;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code vitals.summary.*}: every mistake reported at once, with the full key, the value and what is allowed. */
class SummarySettingsTest {

  private final Map<String, Notifier> notifiers = Map.of(
      "team-mail", new SummaryRecorder("team-mail"),
      "ops-mail", new SummaryRecorder("ops-mail"),
      "slack", new SummaryRecorder("slack", false));
  private final List<String> problems = new ArrayList<>();

  private SummarySettings parse(String... keysAndValues) {
    Map<String, String> keys = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      keys.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return SummarySettings.parse(Config.of(keys), notifiers, problems);
  }

  @Test
  void withoutATimeThereAreNoSummariesAndNoProblem() {
    assertThat(parse()).isNull();
    assertThat(problems).isEmpty();
  }

  @Test
  void aSummaryKeyWithoutATimeIsAProblemNamingBothKeys() {
    assertThat(parse("vitals.summary.zone", "Europe/Berlin", "vitals.summary.notifiers", "team-mail")).isNull();
    assertThat(problems).containsExactlyInAnyOrder(
        "vitals.summary.zone is set but vitals.summary.time is not: set vitals.summary.time (HH:mm, such as 08:00)"
            + " to send summaries, or remove vitals.summary.zone",
        "vitals.summary.notifiers is set but vitals.summary.time is not: set vitals.summary.time (HH:mm, such as 08:00)"
            + " to send summaries, or remove vitals.summary.notifiers");
  }

  @Test
  void aCompleteSettingIsRead() {
    SummarySettings s = parse("vitals.summary.time", "17:30", "vitals.summary.zone", "Europe/Berlin",
        "vitals.summary.notifiers", " team-mail , ops-mail ", "vitals.summary.weekly", "monday");
    assertThat(problems).isEmpty();
    assertThat(s.time).isEqualTo(LocalTime.of(17, 30));
    assertThat(s.zone).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(s.notifiers).containsExactly("team-mail", "ops-mail");
    assertThat(s.weekly).contains(DayOfWeek.MONDAY);
  }

  @Test
  void theZoneDefaultsToTheSystemsAndThereIsNoWeeklySummaryUnlessADayIsSet() {
    SummarySettings s = parse("vitals.summary.time", "08:00", "vitals.summary.notifiers", "team-mail");
    assertThat(problems).isEmpty();
    assertThat(s.zone).isEqualTo(ZoneId.systemDefault());
    assertThat(s.weekly).isEqualTo(Optional.empty());
  }

  @Test
  void aTimeMustBeHoursAndMinutesOnTheTwentyFourHourClock() {
    for (String bad : List.of("8:00", "24:00", "08:60", "8am", "08:00:00", "0800")) {
      problems.clear();
      assertThat(parse("vitals.summary.time", bad, "vitals.summary.notifiers", "team-mail")).isNull();
      assertThat(problems).containsExactly("vitals.summary.time = '" + bad + "' is not allowed: expected a time of"
          + " day as HH:mm on the 24-hour clock, such as 08:00 or 17:30");
    }
  }

  @Test
  void everyMistakeIsReportedAtOnce() {
    assertThat(parse("vitals.summary.time", "25:00", "vitals.summary.zone", "Berlin",
        "vitals.summary.notifiers", "team-mial", "vitals.summary.weekly", "mon")).isNull();
    assertThat(problems).containsExactly(
        "vitals.summary.time = '25:00' is not allowed: expected a time of day as HH:mm on the 24-hour clock, such as"
            + " 08:00 or 17:30",
        "vitals.summary.zone = 'Berlin' is not allowed: expected a time-zone id such as Europe/Berlin,"
            + " America/New_York or UTC",
        "vitals.summary.notifiers = 'team-mial' is not allowed: expected names of configured notifiers, but"
            + " 'team-mial' is none (known: ops-mail, slack, team-mail; configured notifiers that can: ops-mail,"
            + " team-mail)",
        "vitals.summary.weekly = 'mon' is not allowed: expected a day of the week: MONDAY, TUESDAY, WEDNESDAY,"
            + " THURSDAY, FRIDAY, SATURDAY or SUNDAY (any case)");
  }

  @Test
  void aNotifierThatCannotSendSummariesIsRefusedWithItsType() {
    assertThat(parse("vitals.summary.time", "08:00", "vitals.summary.notifiers", "team-mail,slack",
        "vitals.notifiers.slack.type", "slack")).isNull();
    assertThat(problems).containsExactly("vitals.summary.notifiers = 'team-mail,slack' is not allowed: expected"
        + " notifiers that can send summaries: notifier slack (type slack) cannot send summaries; e-mail notifiers"
        + " can (configured notifiers that can: ops-mail, team-mail)");
  }

  @Test
  void aTimeWithoutNotifiersIsAProblem() {
    assertThat(parse("vitals.summary.time", "08:00")).isNull();
    assertThat(problems).containsExactly("vitals.summary.notifiers is missing: vitals.summary.time is set, so"
        + " summaries need notifiers to send them; expected a comma-separated list of e-mail notifiers (configured"
        + " notifiers that can: ops-mail, team-mail)");
  }

  @Test
  void withoutAnyNotifierThatCanTheMessageSaysHowToAddOne() {
    SummarySettings s = SummarySettings.parse(Config.of(Map.of("vitals.summary.time", "08:00",
        "vitals.summary.notifiers", "ops")), Map.of(), problems);
    assertThat(s).isNull();
    assertThat(problems).containsExactly("vitals.summary.notifiers = 'ops' is not allowed: expected names of"
        + " configured notifiers, but 'ops' is none (no notifier is configured; no configured notifier can send"
        + " summaries: add an e-mail notifier (vitals.notifiers.<name>.type = email))");
  }

  @Test
  void emptyEntriesAndRepeatedNamesAreProblems() {
    assertThat(parse("vitals.summary.time", "08:00", "vitals.summary.notifiers", "team-mail,,team-mail")).isNull();
    assertThat(problems).containsExactly(
        "vitals.summary.notifiers = 'team-mail,,team-mail' is not allowed: expected a comma-separated list of"
            + " notifier names without empty entries (configured notifiers that can: ops-mail, team-mail)",
        "vitals.summary.notifiers = 'team-mail,,team-mail' is not allowed: expected each notifier once, but"
            + " 'team-mail' is named twice");
  }

  @Test
  void theWeeklyDayIgnoresCase() {
    assertThat(parse("vitals.summary.time", "08:00", "vitals.summary.notifiers", "team-mail",
        "vitals.summary.weekly", "Friday").weekly).contains(DayOfWeek.FRIDAY);
    assertThat(problems).isEmpty();
  }
}
