package dev.vitals.core.internal.history;

import static dev.vitals.core.internal.history.Fixtures.DAY0;
import static dev.vitals.core.internal.history.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HistoryPeriod;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads while the writer appends, compacts finished days and prunes (bounded: a fixed number of
 * batches): every read sees each minute acknowledged before it started, exactly once and intact, and
 * nothing that was never written.
 */
class FileHistoryStoreConcurrencyTest {

  /** Minutes between batches: a new day every 48 batches, so compactions run during the reads. */
  private static final int STRIDE = 30;
  private static final int BATCHES = 600;

  @TempDir
  Path dir;

  @Test
  void readsSeeEveryAcknowledgedMinuteOnceWhileTheWriterAppendsAndCompacts() throws Exception {
    AtomicLong acknowledged = new AtomicLong(-1);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1L << 30)) {
      List<Future<Integer>> reads = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        reads.add(readers.submit(() -> {
          int checks = 0;
          while (!done.get() || checks == 0) {
            long before = acknowledged.get();
            List<HistoryPeriod> got = new ArrayList<>();
            store.readMinutes(null, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), got::add);
            Set<Long> seen = new HashSet<>();
            for (HistoryPeriod p : got) {
              long minute = p.start().getEpochSecond() / 60 - DAY0;
              long batch = minute / STRIDE;
              assertThat(minute % STRIDE).as("a minute never written: %s", p).isZero();
              assertThat(p).as("batch %d intact", batch).isEqualTo(minute("db", DAY0 + minute, batch));
              assertThat(seen.add(batch)).as("batch %d read once", batch).isTrue();
            }
            for (long b = 0; b <= before; b++) {
              assertThat(seen).as("batch %d was acknowledged before the read started", b).contains(b);
            }
            checks++;
          }
          return checks;
        }));
      }
      for (long b = 0; b < BATCHES; b++) {
        store.append(List.of(minute("db", DAY0 + b * STRIDE, b)), List.of());
        acknowledged.set(b);
        if (b % 100 == 99) {
          store.prune(Instant.EPOCH); // compacts, deletes nothing
        }
      }
      done.set(true);
      for (Future<Integer> f : reads) {
        assertThat(f.get(60, TimeUnit.SECONDS)).as("reads checked").isPositive();
      }
    } finally {
      readers.shutdownNow();
    }
  }
}
