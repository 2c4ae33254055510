package dev.vitals.history.jdbc;

import static dev.vitals.history.jdbc.Minutes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.probes.jdbc.PostgresServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the store costs on a real PostgreSQL: bytes per stored minute (table, TOAST and index) after
 * 30 days of 5 subjects (3 probes that run every 10 s, 2 trackers of 10 to 20 operations a second
 * around 40 ms), and the time of one append of 20 subjects' minutes (what the monitor's
 * writer does once a minute). Prints both (target/surefire-reports/...-output.txt); asserts the size,
 * not the time (a shared machine's timings are for reading, budgets are JMH's).
 */
class PostgresStorageCostTest {

  private static final PostgresServer PG = PostgresServer.shared();
  private static final String INSTANCE = "checkout-7d9f8b6c4-x2x9z";
  private static final String[] PROBES = {"postgres", "redis", "payments-api"};
  private static final String[] TRACKERS = {"checkout", "cart"};

  private final Random random = new Random(5);
  private final String prefix = "cost" + ProcessHandle.current().pid() + "_";
  private final List<HistoryStore> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (HistoryStore s : opened) {
      s.close();
    }
  }

  private HistoryStore store() throws Exception {
    HistoryStore s = new JdbcHistoryStoreFactory().create(PostgresStoreTest.config(prefix), INSTANCE);
    opened.add(s);
    return s;
  }

  private List<HistoryPeriod> minutesOf(Instant start, int subjects) {
    List<HistoryPeriod> out = new ArrayList<>();
    for (int i = 0; i < subjects; i++) {
      if (i % 5 < 3) {
        out.add(Minutes.probe(PROBES[i % 5] + (i < 5 ? "" : "-" + i), start, 6, random.nextInt(50) == 0 ? 1 : 0,
            60_000, 0, 2 + i, random));
      } else {
        out.add(Minutes.serviceTracker(TRACKERS[i % 5 - 3] + (i < 5 ? "" : "-" + i), start, 600 + random.nextInt(600),
            random.nextInt(5), 40, random));
      }
    }
    return out;
  }

  @Test
  void thirtyDaysOfFiveSubjectsAndTheCostOfOneAppend() throws Exception {
    HistoryStore store = store();
    int days = 30;
    int subjects = 5;
    for (int d = 0; d < days; d++) {
      List<HistoryPeriod> day = new ArrayList<>(1440 * subjects);
      for (int m = 0; m < 1440; m++) {
        day.addAll(minutesOf(T0.plusSeconds(86_400L * d + 60L * m), subjects));
      }
      store.append(day, List.of());
    }
    PG.executeInApp("VACUUM ANALYZE " + prefix + "minutes");
    long rows = Long.parseLong(PG.queryInApp("SELECT count(*) FROM " + prefix + "minutes"));
    long total = Long.parseLong(PG.queryInApp("SELECT pg_total_relation_size('" + prefix + "minutes')"));
    long heap = Long.parseLong(PG.queryInApp("SELECT pg_relation_size('" + prefix + "minutes')"));
    long index = Long.parseLong(PG.queryInApp("SELECT pg_relation_size('" + prefix + "minutes_idx')"));
    double histogramBytes = Double.parseDouble(PG.queryInApp("SELECT avg(octet_length(latency)) FROM " + prefix + "minutes"));

    // the writer's minute: 20 subjects, on the kept connection
    Instant next = T0.plusSeconds(86_400L * days);
    long[] nanos = new long[200];
    for (int i = 0; i < nanos.length; i++) {
      List<HistoryPeriod> minute = minutesOf(next.plusSeconds(60L * i), 20);
      long t = System.nanoTime();
      store.append(minute, List.of());
      nanos[i] = System.nanoTime() - t;
    }
    long[] warm = Arrays.copyOfRange(nanos, 50, nanos.length);
    Arrays.sort(warm);
    long readStart = System.nanoTime();
    long[] read = {0};
    store.readMinutes(null, T0, next, p -> read[0]++);
    long readNanos = System.nanoTime() - readStart;

    System.out.printf(Locale.ROOT, "PostgreSQL %s, %d days x %d subjects: %d rows, %d bytes in all (heap %d, index %d; histograms %.1f bytes on average):"
        + " %.1f bytes per minute row, %.2f MiB per subject per 30 days%n", PG.queryInApp("SHOW server_version"),
        days, subjects, rows, total, heap, index, histogramBytes, (double) total / rows, total / (double) subjects / (1 << 20) * 30 / days);
    System.out.printf(Locale.ROOT, "append of 20 subjects' minutes: median %.2f ms, p90 %.2f ms, max %.2f ms (%d appends after 50 warm-up)%n",
        warm[warm.length / 2] / 1e6, warm[warm.length * 9 / 10] / 1e6, warm[warm.length - 1] / 1e6, warm.length);
    System.out.printf(Locale.ROOT, "reading the %d minutes back: %.0f ms%n", read[0], readNanos / 1e6);

    assertThat(rows).isEqualTo((long) days * 1440 * subjects);
    assertThat(read[0]).isEqualTo(rows);
    assertThat((double) total / rows).as("bytes per minute row, index included").isLessThan(400);
  }
}
