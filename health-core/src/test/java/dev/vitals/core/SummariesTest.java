package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vitals.api.Baseline;
import dev.vitals.api.HealthReport;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Status;
import dev.vitals.api.SubjectSummary;
import dev.vitals.api.Summary;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.HistoryTransition;
import dev.vitals.test.ManualClock;
import dev.vitals.test.Reports;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The daily and weekly summaries: due at the configured minute in the configured zone, once per day and
 * notifier across restarts, caught up after a late start, retried then given up, and built from the
 * history and the current report. Time is a {@link ManualClock}; the store is in memory.
 */
class SummariesTest {

  private static final HistorySubject DB = HistorySubject.probe("db");
  private static final HistorySubject API = HistorySubject.tracker("api");

  private final SummaryTestStore store = new SummaryTestStore();
  private final SummaryTestHistory history = new SummaryTestHistory(store, DB, API);
  private final SummaryRecorder mail = new SummaryRecorder("mail");
  private Supplier<HealthReport> report = () -> Reports.report(Reports.probe("db").build())
      .trackers(List.of(Reports.tracker("api").build())).build();

  private Summaries summaries(ManualClock clock, String zone, String time) {
    return summaries(clock, zone, time, null);
  }

  private Summaries summaries(ManualClock clock, String zone, String time, String weekly) {
    Map<String, String> keys = new HashMap<>();
    keys.put("vitals.summary.time", time);
    keys.put("vitals.summary.zone", zone);
    keys.put("vitals.summary.notifiers", "mail");
    if (weekly != null) {
      keys.put("vitals.summary.weekly", weekly);
    }
    List<String> problems = new ArrayList<>();
    SummarySettings settings = SummarySettings.parse(Config.of(keys), Map.of("mail", mail), problems);
    assertThat(problems).isEmpty();
    return new Summaries(settings, history, store, () -> report.get(), Map.of("mail", mail), clock, 0.2);
  }

  /** Ticks once a minute, as the monitor's history thread does, until {@code end}. */
  private static void tickUntil(ManualClock clock, Summaries s, Instant end) {
    while (clock.instant().isBefore(end)) {
      clock.advance(Duration.ofMinutes(1));
      s.tick();
    }
  }

  private static List<LocalDate> days(List<Summary> summaries) {
    List<LocalDate> out = new ArrayList<>();
    for (Summary s : summaries) {
      out.add(s.firstDay());
    }
    return out;
  }

  @Test
  void theDailySummaryIsSentAtTheConfiguredMinuteInTheZoneAndNotAMinuteBefore() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:58:00Z")); // 07:58 in Berlin
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    clock.advance(Duration.ofMinutes(1));
    s.tick();
    clock.advance(Duration.ofSeconds(59)); // 07:59:59
    s.tick();
    assertThat(mail.summaries).isEmpty();

    clock.advance(Duration.ofSeconds(1)); // 08:00:00
    s.tick();

    assertThat(mail.summaries).hasSize(1);
    Summary d = mail.summaries.get(0);
    assertThat(d.period()).isEqualTo(Summary.Period.DAILY);
    assertThat(d.firstDay()).isEqualTo(LocalDate.parse("2026-12-02"));
    assertThat(d.from()).isEqualTo(Instant.parse("2026-12-01T23:00:00Z"));
    assertThat(d.to()).isEqualTo(Instant.parse("2026-12-02T23:00:00Z"));
    assertThat(d.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(d.madeAt()).isEqualTo(Instant.parse("2026-12-03T07:00:00Z"));
    assertThat(store.values).containsEntry("summary.daily.mail", "2026-12-02");
  }

  @Test
  void eachDaysSummaryIsSentOnceThroughTwoDaysOfTicks() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:59:00Z"));
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    tickUntil(clock, s, Instant.parse("2026-12-05T06:59:00Z"));

    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-03"));
    assertThat(mail.summaries.get(1).madeAt()).isEqualTo(Instant.parse("2026-12-04T07:00:00Z"));
    assertThat(mail.attempts).hasValue(2);
  }

  @Test
  void aRestartAfterTheSummaryWentOutDoesNotSendItAgain() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:59:00Z"));
    Summaries first = summaries(clock, "Europe/Berlin", "08:00");
    first.tick();
    tickUntil(clock, first, Instant.parse("2026-12-03T07:05:00Z"));
    assertThat(mail.summaries).hasSize(1);

    Summaries restarted = summaries(clock, "Europe/Berlin", "08:00"); // a new process over the same store
    restarted.tick();
    tickUntil(clock, restarted, Instant.parse("2026-12-03T20:00:00Z"));

    assertThat(mail.summaries).hasSize(1);
    assertThat(mail.attempts).hasValue(1);
  }

  @Test
  void aProcessThatWasDownAtTheTimeSendsTheMissedSummaryAtItsFirstTick() {
    store.values.put("summary.daily.mail", "2026-12-01"); // the previous process sent Dec 1's on Dec 2
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T09:30:00Z")); // 10:30 in Berlin

    summaries(clock, "Europe/Berlin", "08:00").tick();

    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-02"));
    assertThat(store.values).containsEntry("summary.daily.mail", "2026-12-02");
  }

  @Test
  void catchUpSendsOnlyTheLatestDueSummaryNeverABacklog() {
    store.values.put("summary.daily.mail", "2026-11-20"); // down for almost two weeks
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:00:00Z")); // 07:00 in Berlin
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");

    s.tick();
    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-01")); // due Dec 2 08:00, missed

    tickUntil(clock, s, Instant.parse("2026-12-03T08:00:00Z"));
    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
  }

  @Test
  void aNewServiceStartedAfterTheTimeDoesNotMailADayItDidNotExist() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T09:00:00Z")); // 10:00 in Berlin, empty store
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    tickUntil(clock, s, Instant.parse("2026-12-04T06:59:00Z"));
    assertThat(mail.summaries).isEmpty();

    tickUntil(clock, s, Instant.parse("2026-12-04T07:00:00Z"));
    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-03"));
  }

  @Test
  void aMissedSummaryIsCaughtUpWhenTheHistoryHoldsThatDayEvenIfNoneWasSentBefore() {
    store.minutes.add(minute(DB, Instant.parse("2026-12-02T10:00:00Z"), 6, 0, 60_000, 0, 5));
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T09:00:00Z"));

    summaries(clock, "Europe/Berlin", "08:00").tick();

    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-02"));
  }

  @Test
  void aFailedSendIsTriedAtTheNextTicksThreeTimesThenGivenUpForThatDay() {
    mail.failuresLeft = 100;
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:59:00Z"));
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    tickUntil(clock, s, Instant.parse("2026-12-03T07:01:00Z"));
    assertThat(mail.attempts).hasValue(2); // 08:00 and 08:01

    String log = stderr(() -> tickUntil(clock, s, Instant.parse("2026-12-04T06:59:00Z")));
    assertThat(mail.attempts).hasValue(3);
    assertThat(log).containsOnlyOnce("ERROR dev.vitals.core.Summaries - Vitals gave up the daily summary of"
        + " 2026-12-02 through notifier mail after 3 failed attempts: IOException: smtp.example.com answered 451"
        + " try again later");
    assertThat(mail.summaries).isEmpty();
    assertThat(store.values).doesNotContainKey("summary.daily.mail");

    mail.failuresLeft = 0;
    tickUntil(clock, s, Instant.parse("2026-12-04T07:00:00Z")); // the next day's goes out as usual
    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-03"));
  }

  @Test
  void aSendThatFailsOnceGoesOutAtTheNextTick() {
    mail.failuresLeft = 1;
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:59:00Z"));
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    tickUntil(clock, s, Instant.parse("2026-12-03T08:00:00Z"));

    assertThat(mail.summaries).hasSize(1);
    assertThat(mail.summaries.get(0).madeAt()).isEqualTo(Instant.parse("2026-12-03T07:01:00Z"));
    assertThat(mail.attempts).hasValue(2);
  }

  @Test
  void theWeeklySummaryCoversTheSevenDaysBeforeItsDayAndIsSentOnThatDayOnly() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-07T06:59:00Z")); // Monday 07:59 in Berlin
    Summaries s = summaries(clock, "Europe/Berlin", "08:00", "monday");
    s.tick();
    clock.advance(Duration.ofMinutes(1));
    s.tick();

    assertThat(mail.summaries).hasSize(2);
    Summary weekly = mail.summaries.stream().filter(x -> x.period() == Summary.Period.WEEKLY).findFirst().orElseThrow();
    assertThat(weekly.firstDay()).isEqualTo(LocalDate.parse("2026-11-30"));
    assertThat(weekly.from()).isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
    assertThat(weekly.to()).isEqualTo(Instant.parse("2026-12-06T23:00:00Z"));
    assertThat(store.values).containsEntry("summary.weekly.mail", "2026-11-30");

    tickUntil(clock, s, Instant.parse("2026-12-14T07:00:00Z")); // to the next Monday 08:00
    assertThat(mail.summaries.stream().filter(x -> x.period() == Summary.Period.WEEKLY).map(Summary::firstDay))
        .containsExactly(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-07"));
    assertThat(mail.summaries.stream().filter(x -> x.period() == Summary.Period.DAILY)).hasSize(8);
  }

  @Test
  void aMissedWeeklySummaryIsCaughtUpOnItsDayButNotDaysLater() {
    store.values.put("summary.daily.mail", "2026-12-05");
    store.values.put("summary.weekly.mail", "2026-11-23");
    ManualClock monday = new ManualClock(Instant.parse("2026-12-07T11:00:00Z"));
    summaries(monday, "Europe/Berlin", "08:00", "MONDAY").tick();
    assertThat(mail.summaries.stream().map(Summary::period)).containsExactlyInAnyOrder(Summary.Period.DAILY,
        Summary.Period.WEEKLY);

    store.values.put("summary.weekly.mail", "2026-11-23");
    mail.summaries.clear();
    ManualClock wednesday = new ManualClock(Instant.parse("2026-12-09T11:00:00Z"));
    summaries(wednesday, "Europe/Berlin", "08:00", "MONDAY").tick();
    assertThat(mail.summaries.stream().map(Summary::period)).containsExactly(Summary.Period.DAILY);
  }

  @Test
  void theDayWhenClocksGoBackHas25HoursAndItsSummaryIsDueAt8InWinterTime() {
    ManualClock clock = new ManualClock(Instant.parse("2026-10-26T06:59:00Z")); // Monday 07:59 CET
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    assertThat(mail.summaries).isEmpty();
    tickUntil(clock, s, Instant.parse("2026-10-26T07:00:00Z"));

    Summary d = mail.summaries.get(0);
    assertThat(d.firstDay()).isEqualTo(LocalDate.parse("2026-10-25"));
    assertThat(d.from()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
    assertThat(d.to()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    assertThat(d.subjects().get(0).figures().length()).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void aTimeThatTheSpringDstGapSkipsIsDueWhenTheClocksJumpTo() {
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that day
    ManualClock clock = new ManualClock(Instant.parse("2026-03-08T06:59:00Z")); // 01:59 EST
    Summaries s = summaries(clock, "America/New_York", "02:30");
    s.tick();
    tickUntil(clock, s, Instant.parse("2026-03-08T07:29:00Z")); // 03:29 EDT
    assertThat(mail.summaries).isEmpty();

    tickUntil(clock, s, Instant.parse("2026-03-08T07:30:00Z")); // 03:30 EDT
    Summary d = mail.summaries.get(0);
    assertThat(d.firstDay()).isEqualTo(LocalDate.parse("2026-03-07"));
    assertThat(d.from()).isEqualTo(Instant.parse("2026-03-07T05:00:00Z"));
    assertThat(d.to()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));

    tickUntil(clock, s, Instant.parse("2026-03-09T06:30:00Z")); // the next day: 02:30 EDT
    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-03-07"), LocalDate.parse("2026-03-08"));
    assertThat(mail.summaries.get(1).to().getEpochSecond() - mail.summaries.get(1).from().getEpochSecond())
        .isEqualTo(Duration.ofHours(23).getSeconds());
  }

  @Test
  void daysAreCountedInAZoneAheadOfUtcByHalfAnHour() {
    // 2026-12-02T20:00Z is already Dec 3, 01:30 in India: the latest summary due is still Dec 1's
    ManualClock clock = new ManualClock(Instant.parse("2026-12-02T20:00:00Z"));
    store.values.put("summary.daily.mail", "2026-11-30");
    Summaries s = summaries(clock, "Asia/Kolkata", "08:00");
    s.tick();
    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-01"));

    tickUntil(clock, s, Instant.parse("2026-12-03T02:29:00Z"));
    assertThat(mail.summaries).hasSize(1);
    tickUntil(clock, s, Instant.parse("2026-12-03T02:30:00Z")); // 08:00 IST
    Summary d = mail.summaries.get(1);
    assertThat(d.firstDay()).isEqualTo(LocalDate.parse("2026-12-02"));
    assertThat(d.from()).isEqualTo(Instant.parse("2026-12-01T18:30:00Z"));
    assertThat(d.to()).isEqualTo(Instant.parse("2026-12-02T18:30:00Z"));
  }

  @Test
  void theSummaryHoldsEachSubjectsDayFromTheHistoryWithBudgetIncidentsAndRegressionsFromTheReport() {
    Instant day = Instant.parse("2026-12-01T23:00:00Z"); // Dec 2 in Berlin
    for (int i = 0; i < 20; i++) { // 120 runs at 30 ms: p95 above the 20 ms baseline + 20 %
      store.minutes.add(minute(DB, day.plus(Duration.ofHours(10)).plus(Duration.ofMinutes(i)), 6, 1, 50_000, 10_000, 30));
    }
    store.minutes.add(minute(DB, Instant.parse("2026-12-02T23:00:00Z"), 6, 6, 0, 60_000, 900)); // Dec 3: not in it
    store.minutes.add(minute(DB, Instant.parse("2026-12-01T22:59:00Z"), 6, 6, 0, 60_000, 900)); // Dec 1: not in it
    store.minutes.add(minute(API, day.plus(Duration.ofHours(12)), 9, 0, 0, 0, 2000)); // 9 operations only
    store.minutes.add(minute(HistorySubject.tracker("checkout"), day.plus(Duration.ofHours(12)), 10, 0, 0, 0, 2000));
    store.transitions.add(new HistoryTransition(DB, new HistoryEntry(Status.UP, Status.DOWN,
        Instant.parse("2026-12-02T12:00:00Z"), "connection refused <script>")));
    store.transitions.add(new HistoryTransition(DB, new HistoryEntry(Status.DOWN, Status.UP,
        Instant.parse("2026-12-02T12:05:00Z"), "")));
    Baseline baseline = new Baseline(10_000_000, 20_000_000, 40_000_000, Instant.parse("2026-11-01T00:00:00Z"));
    Baseline fast = new Baseline(50_000_000, 100_000_000, 150_000_000, Instant.parse("2026-11-01T00:00:00Z"));
    report = () -> Reports.report(Reports.probe("db").baseline(baseline).build())
        .trackers(List.of(Reports.tracker("api").baseline(fast).build(), Reports.tracker("checkout").baseline(fast).build()))
        .slos(List.of(Reports.slo("checkout-slo", "checkout").errorBudgetRemaining(0.4).build()))
        .status(Status.DEGRADED).score(81.5).build();
    SummaryTestHistory withCheckout = new SummaryTestHistory(store, DB, API, HistorySubject.tracker("checkout"));
    List<String> problems = new ArrayList<>();
    SummarySettings settings = SummarySettings.parse(Config.of(Map.of("vitals.summary.time", "08:00",
        "vitals.summary.zone", "Europe/Berlin", "vitals.summary.notifiers", "mail")), Map.of("mail", mail), problems);
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T07:00:00Z"));

    new Summaries(settings, withCheckout, store, report, Map.of("mail", mail), clock, 0.2).tick();

    Summary d = mail.summaries.get(0);
    assertThat(d.status()).isEqualTo(Status.DEGRADED);
    assertThat(d.score()).isEqualTo(81.5);
    assertThat(d.slos()).extracting(x -> x.name()).containsExactly("checkout-slo");
    assertThat(d.subjects()).extracting(SubjectSummary::subject)
        .containsExactly(DB, API, HistorySubject.tracker("checkout"));

    SubjectSummary db = d.subjects().get(0);
    assertThat(db.figures().start()).isEqualTo(d.from());
    assertThat(db.figures().end()).isEqualTo(d.to());
    assertThat(db.figures().count()).isEqualTo(120);
    assertThat(db.figures().errors()).isEqualTo(20);
    assertThat(db.figures().upMillis()).isEqualTo(20 * 50_000);
    assertThat(db.figures().downMillis()).isEqualTo(20 * 10_000);
    assertThat(db.budget()).contains(LatencyBudget.DATABASE);
    assertThat(db.baseline()).contains(baseline);
    assertThat(db.regressed()).isTrue();
    assertThat(db.incidents()).containsExactly(new Incident(Instant.parse("2026-12-02T12:00:00Z"),
        Optional.of(Instant.parse("2026-12-02T12:05:00Z")), Status.DOWN, "connection refused <script>"));

    SubjectSummary api = d.subjects().get(1);
    assertThat(api.figures().count()).isEqualTo(9);
    assertThat(api.budget()).contains(LatencyBudget.API);
    assertThat(api.incidents()).isEmpty();
    assertThat(api.regressed()).as("9 operations are too few to call a regression").isFalse();
    assertThat(d.subjects().get(2).regressed()).as("10 operations at 2 s against a 100 ms baseline").isTrue();
    assertThat(d.allGood()).isFalse();
  }

  @Test
  void aQuietDayIsStillSentAndIsAllGood() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:59:00Z"));
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    clock.advance(Duration.ofMinutes(1));
    s.tick();

    assertThat(mail.summaries).hasSize(1);
    Summary d = mail.summaries.get(0);
    assertThat(d.allGood()).isTrue();
    assertThat(d.subjects()).hasSize(2);
    assertThat(d.subjects().get(0).figures().count()).isZero();
    assertThat(d.subjects().get(0).figures().notObservedMillis()).isEqualTo(Duration.ofDays(1).toMillis());
  }

  @Test
  void whenTheLastSentDayCannotBeReadALateStartWaitsForTheStoreInsteadOfRiskingASecondSummary() {
    store.values.put("summary.daily.mail", "2026-12-02"); // already sent, but the store cannot say so
    store.failValueReads = true;
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T09:00:00Z"));
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    tickUntil(clock, s, Instant.parse("2026-12-03T09:10:00Z"));
    assertThat(mail.attempts).hasValue(0);

    store.failValueReads = false;
    tickUntil(clock, s, Instant.parse("2026-12-03T09:20:00Z"));
    assertThat(mail.attempts).as("the store says it went out already").hasValue(0);
  }

  @Test
  void whenTheLastSentDayCannotBeReadALateStartSendsOnceTheStoreAnswers() {
    store.values.put("summary.daily.mail", "2026-12-01");
    store.failValueReads = true;
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T09:00:00Z"));
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    String log = stderr(() -> {
      s.tick();
      tickUntil(clock, s, Instant.parse("2026-12-03T09:05:00Z"));
    });
    assertThat(mail.summaries).isEmpty();
    assertThat(log).as("a lasting problem is logged once").containsOnlyOnce("WARN dev.vitals.core.Summaries - Vitals"
        + " could not read when the last daily summary went through notifier mail (IOException: database is down);"
        + " the daily summary of 2026-12-02 waits until the history store memory:test answers, so that it is never"
        + " sent twice");

    store.failValueReads = false;
    tickUntil(clock, s, Instant.parse("2026-12-03T10:00:00Z"));
    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-02"));
  }

  @Test
  void aProcessRunningAtTheDueTimeSendsEvenWhenTheStoreCannotBeRead() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:59:00Z"));
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    store.failValueReads = true;
    tickUntil(clock, s, Instant.parse("2026-12-03T07:30:00Z"));

    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-02"));
    assertThat(store.values).containsEntry("summary.daily.mail", "2026-12-02");
  }

  @Test
  void aSummaryWhoseRecordCannotBeWrittenIsNotSentAgainAndIsRecordedWhenTheStoreRecovers() {
    store.failValueWrites = true;
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:59:00Z"));
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    tickUntil(clock, s, Instant.parse("2026-12-03T07:30:00Z"));
    assertThat(mail.summaries).hasSize(1);
    assertThat(store.values).doesNotContainKey("summary.daily.mail");

    store.failValueWrites = false;
    tickUntil(clock, s, Instant.parse("2026-12-03T07:31:00Z"));
    assertThat(store.values).containsEntry("summary.daily.mail", "2026-12-02");
    assertThat(mail.summaries).hasSize(1);
  }

  @Test
  void anUnreadableHistoryOrReportNeverEscapesTickCostsNoAttemptAndTheSummaryFollowsLater() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T06:59:00Z"));
    Summaries s = summaries(clock, "Europe/Berlin", "08:00");
    s.tick();
    store.failMinuteReads = true;
    clock.advance(Duration.ofMinutes(1));
    assertThatCode(s::tick).doesNotThrowAnyException();
    store.failMinuteReads = false;
    Supplier<HealthReport> good = report;
    report = () -> {
      throw new IllegalStateException("report not built yet");
    };
    clock.advance(Duration.ofMinutes(1));
    assertThatCode(s::tick).doesNotThrowAnyException();
    assertThat(mail.attempts).hasValue(0);

    report = good;
    clock.advance(Duration.ofMinutes(1));
    s.tick();
    assertThat(days(mail.summaries)).containsExactly(LocalDate.parse("2026-12-02"));
  }

  /** What slf4j-simple prints to standard error while {@code work} runs. */
  private static String stderr(Runnable work) {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(err);
    }
    return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** One stored minute: {@code count} operations of {@code latencyMillis} each. */
  static HistoryPeriod minute(HistorySubject subject, Instant start, long count, long errors, long upMillis,
      long downMillis, long latencyMillis) {
    long[] dense = new long[LatencyHistogram.BUCKETS];
    dense[LatencyHistogram.bucketOf(Duration.ofMillis(latencyMillis).toNanos())] = count;
    return new HistoryPeriod(subject, start, start.plus(Duration.ofMinutes(1)), count, errors, upMillis, downMillis,
        LatencyHistogram.ofDense(dense));
  }
}
