package dev.vitals.exporter.logging;

import static dev.vitals.exporter.logging.CapturedLog.everything;
import static dev.vitals.exporter.logging.CapturedLog.keyValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.vitals.api.Baseline;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Regression;
import dev.vitals.api.Status;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HealthLogTest {

  private final CapturedLog captured = new CapturedLog();
  private final AtomicReference<HealthReport> latest = new AtomicReference<>(Reports.standard(List.of()));
  private final HealthLog health =
      new HealthLog(LoggerFactory.getLogger(LoggingExporterFactory.LOGGER_NAME), latest::get);

  @AfterEach
  void detach() {
    captured.close();
  }

  @Test
  void criticalProbeGoingDownLogsAnErrorWithItsFigures() {
    health.onStatusChange(Reports.change("db", Status.UP, Status.DOWN,
        ProbeResult.down(new ConnectException("Connection refused"))));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.ERROR);
    assertThat(e.getLoggerName()).isEqualTo("dev.vitals.health");
    assertThat(e.getFormattedMessage()).isEqualTo("probe db is DOWN (was UP): Connection refused");
    assertThat(keyValues(e)).containsExactly(
        entry("event", "status-change"), entry("probe", "db"), entry("type", "jdbc"), entry("from", "up"),
        entry("to", "down"), entry("critical", true), entry("score", 12.5), entry("latencyMs", 2.346),
        entry("message", "Connection refused"), entry("error", "java.net.ConnectException: Connection refused"));
  }

  @Test
  void nonCriticalProbeGoingDownLogsAWarning() {
    health.onStatusChange(Reports.change("cache", Status.UP, Status.DOWN, ProbeResult.down("READONLY replica")));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.WARN);
    assertThat(e.getFormattedMessage()).isEqualTo("probe cache is DOWN (was UP): READONLY replica");
    assertThat(keyValues(e)).contains(entry("probe", "cache"), entry("type", "redis"), entry("critical", false),
        entry("to", "down"), entry("message", "READONLY replica")).doesNotContainKey("error");
  }

  @Test
  void degradedLogsAWarning() {
    health.onStatusChange(Reports.change("db", Status.UP, Status.DEGRADED,
        ProbeResult.degraded("slower than 100 ms")));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.WARN);
    assertThat(e.getFormattedMessage()).isEqualTo("probe db is DEGRADED (was UP): slower than 100 ms");
    assertThat(keyValues(e)).contains(entry("from", "up"), entry("to", "degraded"), entry("latencyMs", 2.346));
  }

  @Test
  void recoveryToUpLogsInfo() {
    health.onStatusChange(Reports.change("db", Status.DOWN, Status.UP, ProbeResult.up()));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.INFO);
    assertThat(e.getFormattedMessage()).isEqualTo("probe db recovered (was DOWN)");
    assertThat(keyValues(e)).contains(entry("probe", "db"), entry("from", "down"), entry("to", "up"))
        .doesNotContainKeys("message", "error");
  }

  @Test
  void recoveryFromDegradedLogsInfo() {
    health.onStatusChange(Reports.change("cache", Status.DEGRADED, Status.UP, ProbeResult.up("PONG")));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.INFO);
    assertThat(e.getFormattedMessage()).isEqualTo("probe cache recovered (was DEGRADED)");
    assertThat(keyValues(e)).contains(entry("message", "PONG"));
  }

  @Test
  void firstResultUpLogsProbeUpAtInfo() {
    health.onStatusChange(Reports.change("db", Status.UNKNOWN, Status.UP, ProbeResult.up()));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.INFO);
    assertThat(e.getFormattedMessage()).isEqualTo("probe db up");
    assertThat(keyValues(e)).contains(entry("from", "unknown"), entry("to", "up"));
  }

  @Test
  void firstResultDownOfACriticalProbeIsAnError() {
    health.onStatusChange(Reports.change("db", Status.UNKNOWN, Status.DOWN, ProbeResult.down("no route to host")));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.ERROR);
    assertThat(e.getFormattedMessage()).isEqualTo("probe db is DOWN (was UNKNOWN): no route to host");
  }

  @Test
  void statusBecomingUnknownLogsAWarning() {
    health.onStatusChange(Reports.change("db", Status.UP, Status.UNKNOWN, ProbeResult.down("stale")));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.WARN);
    assertThat(e.getFormattedMessage()).isEqualTo("probe db status unknown (was UP): stale");
  }

  @Test
  void probeMissingFromTheReportIsTreatedAsCritical() {
    latest.set(null);

    health.onStatusChange(Reports.change("new", Status.UP, Status.DOWN, ProbeResult.down("gone")));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.ERROR);
    assertThat(keyValues(e)).contains(entry("critical", true)).doesNotContainKeys("type", "score");
  }

  @Test
  void regressionOfAProbeLogsAWarning() {
    health.onRegression(new Regression("db", new Baseline(4_000_000, 8_000_000, 9_000_000, Reports.NOW), 12_000_000,
        Reports.NOW));

    ILoggingEvent e = captured.only();
    assertThat(e.getLevel()).isEqualTo(Level.WARN);
    assertThat(e.getFormattedMessage())
        .isEqualTo("latency regression on db: p95 12.0 ms, 50.0 % above the baseline's 8.0 ms");
    assertThat(keyValues(e)).containsExactly(entry("event", "regression"), entry("probe", "db"),
        entry("p95Ms", 12.0), entry("baselineP95Ms", 8.0), entry("increasePercent", 50.0));
  }

  @Test
  void regressionOfATrackerIsLabelledTracker() {
    health.onRegression(new Regression("api", new Baseline(1, 100_000_000, 1, Reports.NOW), 125_000_000,
        Reports.NOW));

    assertThat(keyValues(captured.only())).contains(entry("tracker", "api"), entry("increasePercent", 25.0))
        .doesNotContainKey("probe");
  }

  @Test
  void startUpProblemsOfTheFirstReportAreLoggedOnceAtWarn() {
    List<String> problems = List.of("probe type 'kafka' failed to load: ClassNotFoundException",
        "exporter http failed to start: port 8080 in use");

    health.onReport(Reports.standard(problems));
    health.onReport(Reports.standard(List.copyOf(problems)));
    health.onReport(Reports.standard(problems));

    List<ILoggingEvent> events = captured.events();
    assertThat(events).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
    assertThat(events).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "start-up problem: probe type 'kafka' failed to load: ClassNotFoundException",
        "start-up problem: exporter http failed to start: port 8080 in use");
    assertThat(keyValues(events.get(1))).containsExactly(entry("event", "problem"),
        entry("problem", "exporter http failed to start: port 8080 in use"));
  }

  @Test
  void aLaterProblemIsLoggedAlone() {
    health.onReport(Reports.standard(List.of("first")));
    health.onReport(Reports.standard(List.of("first", "second")));

    assertThat(captured.events()).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("start-up problem: first", "start-up problem: second");
  }

  @Test
  void historyStoreStartingToFailLogsOneWarningAndWritingAgainOneInfo() {
    String full = "cannot append to minutes.log: No space left on device";
    health.onReport(Reports.withHistory(List.of(), 0, 0, 0, null));
    health.onReport(Reports.withHistory(List.of(), 2, 0, 0, null));
    health.onReport(Reports.withHistory(List.of(), 3, 1, 0, full));
    health.onReport(Reports.withHistory(List.of(), 5, 3, 0, full));
    health.onReport(Reports.withHistory(List.of(), 6, 4, 1, "cannot append to minutes.log: Input/output error"));
    health.onReport(Reports.withHistory(List.of(), 6, 0, 1, null));
    health.onReport(Reports.withHistory(List.of(), 6, 0, 1, null));

    List<ILoggingEvent> events = captured.events();
    assertThat(events).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
    assertThat(events.get(0).getFormattedMessage()).isEqualTo("history store file:/var/lib/orders/vitals is failing, "
        + "1 minute records wait in memory: cannot append to minutes.log: No space left on device");
    assertThat(keyValues(events.get(0))).containsExactly(entry("event", "history-failing"),
        entry("store", Reports.STORE), entry("problem", full), entry("failures", 3L), entry("pending", 1),
        entry("dropped", 0L));
    assertThat(events.get(1).getFormattedMessage()).isEqualTo("history store file:/var/lib/orders/vitals is writing "
        + "again after 4 failed attempts, 1 minute records lost");
    assertThat(keyValues(events.get(1))).containsExactly(entry("event", "history-resumed"),
        entry("store", Reports.STORE), entry("failedAttempts", 4L), entry("droppedRecords", 1L), entry("pending", 0),
        entry("minutesWritten", 1_006L));
  }

  @Test
  void aStoreFailingAgainLogsAgainAndAStoreFailingFromTheStartLogsAtTheFirstReport() {
    health.onReport(Reports.withHistory(List.of(), 1, 1, 0, "database is down"));
    health.onReport(Reports.withHistory(List.of(), 1, 0, 0, null));
    health.onReport(Reports.withHistory(List.of(), 2, 1, 0, "database is down"));

    assertThat(captured.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO,
        Level.WARN);
    assertThat(keyValues(captured.events().get(1))).contains(entry("failedAttempts", 1L));
  }

  @Test
  void aWorkingStoreAndAMonitorWithoutOneLogNothing() {
    health.onReport(Reports.withHistory(List.of(), 0, 0, 0, null));
    health.onReport(Reports.withHistory(List.of(), 1, 2, 0, null));
    health.onReport(Reports.standard(List.of()));

    assertThat(captured.events()).isEmpty();
  }

  @Test
  void theStoresProblemInTheReportsProblemsIsNotLoggedASecondTime() {
    String problem = "cannot append to minutes.log: No space left on device";
    health.onReport(Reports.withHistory(List.of("history store " + Reports.STORE + " failing: " + problem,
        "probe type 'kafka' failed to load"), 1, 1, 0, problem));

    assertThat(captured.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "history store file:/var/lib/orders/vitals is failing, 1 minute records wait in memory: " + problem,
        "start-up problem: probe type 'kafka' failed to load");
  }

  @Test
  void secretsInTheStoresProblemNeverReachTheLog() {
    health.onReport(Reports.withHistory(List.of(), 1, 1, 0,
        "cannot connect to jdbc:postgresql://vitals:hunter2@db:5432/app?password=s3cr3t"));
    health.onReport(Reports.withHistory(List.of(), 1, 0, 0, null));

    assertThat(captured.events()).hasSize(2);
    for (ILoggingEvent e : captured.events()) {
      assertThat(everything(e)).doesNotContain("hunter2", "s3cr3t");
    }
    assertThat(everything(captured.events().get(0))).contains("****");
  }

  @Test
  void aThousandUpResultsLogNothing() {
    health.onStatusChange(Reports.change("db", Status.UNKNOWN, Status.UP, ProbeResult.up()));
    captured.close();
    CapturedLog afterFirst = new CapturedLog();
    try {
      for (int i = 0; i < 1_000; i++) {
        HealthReport report = Reports.standard(List.of());
        latest.set(report);
        health.onReport(report);
        health.onStatusChange(Reports.change("db", Status.UP, Status.UP, ProbeResult.up()));
      }

      assertThat(afterFirst.events()).isEmpty();
    } finally {
      afterFirst.close();
    }
  }

  @Test
  void secretsInResultsAndProblemsNeverReachTheLog() {
    health.onStatusChange(Reports.change("db", Status.UP, Status.DOWN,
        ProbeResult.down("cannot connect to jdbc:postgresql://app:hunter2@db:5432/orders")));
    health.onStatusChange(Reports.change("cache", Status.UP, Status.DOWN,
        ProbeResult.down(new ConnectException("AUTH failed for redis://:hunter2@cache:6379"))));
    health.onStatusChange(Reports.change("db", Status.DOWN, Status.DEGRADED,
        ProbeResult.builder(Status.DEGRADED).message("Authorization: Bearer abcdefghijklmnop").build()));
    health.onReport(Reports.standard(List.of("notifier pagerduty failed: routing_key=R0UT1NGKEY rejected")));

    assertThat(captured.events()).hasSize(4);
    for (ILoggingEvent e : captured.events()) {
      assertThat(everything(e)).doesNotContain("hunter2", "abcdefghijklmnop", "R0UT1NGKEY").contains("****");
    }
  }

  @Test
  void aDisabledLevelCostsNoEvent() {
    captured.logger().setLevel(Level.OFF);
    try {
      health.onStatusChange(Reports.change("db", Status.UP, Status.DOWN, ProbeResult.down("refused")));
      assertThat(captured.events()).isEmpty();
    } finally {
      captured.logger().setLevel(Level.INFO);
    }
  }

  @Test
  void closedLogsNothing() {
    health.close();

    health.onStatusChange(Reports.change("db", Status.UP, Status.DOWN, ProbeResult.down("refused")));
    health.onRegression(new Regression("db", new Baseline(1, 1, 1, Reports.NOW), 2, Reports.NOW));
    health.onReport(Reports.standard(List.of("a problem")));
    health.onReport(Reports.withHistory(List.of(), 1, 1, 0, "disk full"));

    assertThat(captured.events()).isEmpty();
  }
}
