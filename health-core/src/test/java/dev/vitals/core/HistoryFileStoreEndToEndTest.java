package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor with its real file store ({@code vitals.history.dir}): a restart keeps uptime, incidents and figures. */
class HistoryFileStoreEndToEndTest {

  private static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
  private static final HistorySubject DB = HistorySubject.probe("db");

  @TempDir
  Path dir;

  private final ManualClock clock = new ManualClock(START);

  private HealthMonitor monitor(ScriptedProbe db) {
    return MonitorTestSupport.manual(clock).probe(db).config(Map.of("vitals.history.dir", dir.toString())).build().start();
  }

  private void advance(Duration d) {
    for (long s = 0; s < d.toSeconds(); s += 10) {
      clock.advance(Duration.ofSeconds(10));
      clock.runDue();
    }
  }

  @Test
  void aRestartAnHourLaterKeepsUptimeIncidentsAndFigures() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db)) {
      assertThat(m.report().history().orElseThrow().store()).isEqualTo("file:" + dir.toAbsolutePath());
      clock.runDue();
      advance(Duration.ofMinutes(2));
      db.answer(() -> ProbeResult.down("connection refused"));
      advance(Duration.ofMinutes(2)); // DOWN after three failures (20 s)
      db.answer(ProbeResult::up);
      advance(Duration.ofMinutes(2) .plusSeconds(10));
      assertThat(m.report().probe("db").orElseThrow().status()).isEqualTo(Status.UP);
      await().atMost(Duration.ofSeconds(10)).until(() -> m.report().history().orElseThrow().minutesWritten() >= 5);
    } // closing writes what closed

    clock.advance(Duration.ofHours(1)); // the process is down for an hour
    try (HealthMonitor m = monitor(new ScriptedProbe("db", clock))) {
      clock.runDue();
      ProbeReport r = m.report().probe("db").orElseThrow();
      assertThat(r.history()).extracting(h -> h.to()).containsSubsequence(Status.UP, Status.DOWN, Status.UP);
      Instant downAt = r.history().stream().filter(h -> h.to() == Status.DOWN).findFirst().orElseThrow().at();
      Instant upAt = r.history().stream().filter(h -> h.from() == Status.DOWN).findFirst().orElseThrow().at();
      Duration outage = Duration.between(downAt, upAt); // about 1m40s: when the breaker's trial found it up
      assertThat(outage).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(120));
      // 6 min 10 s observed before the (graceful) stop, the outage down; the hour between is not observed
      assertThat(r.availability().get("24h")).isCloseTo(1 - outage.toMillis() / 370_000.0, within(0.001));
      Instant now = clock.instant();
      List<Incident> incidents = m.history().orElseThrow().incidents(DB, START, now);
      assertThat(incidents).singleElement().satisfies(i -> {
        assertThat(i.message()).isEqualTo("connection refused");
        assertThat(i.start()).isEqualTo(downAt);
        assertThat(i.end()).contains(upAt);
      });
      List<HistoryPeriod> hour = m.history().orElseThrow().periods(DB, START, START.plus(1, ChronoUnit.HOURS), Duration.ofHours(1));
      assertThat(hour.get(0).downMillis()).isCloseTo(outage.toMillis(), within(2L));
      assertThat(hour.get(0).upMillis() + hour.get(0).downMillis()).isEqualTo(370_000);
      assertThat(hour.get(0).notObservedMillis()).isEqualTo(Duration.ofHours(1).toMillis() - 370_000);
      assertThat(m.history().orElseThrow().since()).contains(START);
    }
  }
}
