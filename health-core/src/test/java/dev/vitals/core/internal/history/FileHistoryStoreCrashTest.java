package dev.vitals.core.internal.history;

import static dev.vitals.core.internal.history.Fixtures.DAY0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.spi.HistoryTransition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at any moment: a child JVM ({@link CrashAppendMain}) appends batches as fast as it
 * can and acknowledges each on its standard output; the test kills it with SIGKILL after a number of
 * acknowledgements, reopens the store and checks that every acknowledged batch is there exactly once
 * and intact, that nothing else is there but at most the batch in flight, and that the next child
 * appends after it. The kills land at moments the test does not choose (appends, forces, day
 * compactions). Waits are on the child's output, never on time.
 */
class FileHistoryStoreCrashTest {

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedBatchSurvivesKillNineExactlyOnceAndAppendingContinues() throws Exception {
    Path store = dir.resolve("history");
    TreeSet<Long> acknowledged = new TreeSet<>();
    TreeSet<Long> inFlight = new TreeSet<>();
    long next = 0;
    int[] killAfter = {1, 40, 230, 480, 900, 1600};
    for (int round = 0; round < killAfter.length; round++) {
      long first = next;
      Process child = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
          CrashAppendMain.class.getName(), store.toString(), Long.toString(first))
          .redirectError(dir.resolve("child-" + round + ".err").toFile())
          .start();
      long last = -1;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        int acks = 0;
        String line;
        while (acks < killAfter[round] && (line = out.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            last = Long.parseLong(line.substring(4));
            acknowledged.add(last);
            acks++;
          }
        }
        assertThat(acks).as("acknowledgements of round %d; the child's errors: %s", round,
            Files.readString(dir.resolve("child-" + round + ".err"))).isEqualTo(killAfter[round]);
        // SIGKILL through the handle: Process.destroyForcibly would also close our end of its output
        assertThat(child.toHandle().destroyForcibly()).as("the kill was sent").isTrue();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the killed child ended").isTrue();
        // what it acknowledged between our last read and the kill is acknowledged too
        while ((line = out.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            last = Long.parseLong(line.substring(4));
            acknowledged.add(last);
          }
        }
      }
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      inFlight.add(last + 1);
      next = last + 2; // the batch in flight may or may not be there: the next round starts after it

      checkStore(store, acknowledged, inFlight, round);
    }
    // and the parent appends after the last crash
    try (FileHistoryStore s = FileHistoryStore.open(store, 1L << 30)) {
      s.append(CrashAppendMain.minutes(next), CrashAppendMain.transitions(next)); // as the child appends a batch
    }
    acknowledged.add(next);
    checkStore(store, acknowledged, inFlight, killAfter.length);
    assertThat(acknowledged.last()).as("batches written in all").isGreaterThan(3000);
  }

  private static void checkStore(Path store, TreeSet<Long> acknowledged, TreeSet<Long> inFlight, int round) throws Exception {
    Map<Long, List<HistoryPeriod>> byBatch = new HashMap<>();
    List<HistoryTransition> transitions;
    try (FileHistoryStore s = FileHistoryStore.open(store, 1L << 30)) {
      s.readMinutes(null, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), p -> {
        long minute = p.start().getEpochSecond() / 60 - DAY0;
        assertThat(minute % CrashAppendMain.STRIDE).as("a minute no batch wrote: %s", p).isZero();
        byBatch.computeIfAbsent(minute / CrashAppendMain.STRIDE, b -> new ArrayList<>()).add(p);
      });
      transitions = s.transitions(null, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }
    for (long b : acknowledged) {
      assertThat(byBatch.get(b)).as("round %d: acknowledged batch %d, exactly once and intact", round, b)
          .containsExactlyInAnyOrderElementsOf(CrashAppendMain.minutes(b));
    }
    for (Map.Entry<Long, List<HistoryPeriod>> e : byBatch.entrySet()) {
      long b = e.getKey();
      if (!acknowledged.contains(b)) {
        assertThat(inFlight).as("round %d: batch %d was never acknowledged, so it was the one in flight", round, b)
            .contains(b);
        // intact and at most once: a batch is written as one write, its minutes in one record
        assertThat(e.getValue()).as("round %d: the batch in flight, %d", round, b)
            .containsExactlyInAnyOrderElementsOf(CrashAppendMain.minutes(b));
      }
    }
    List<HistoryTransition> expected = new ArrayList<>();
    for (long b : acknowledged) {
      expected.addAll(CrashAppendMain.transitions(b));
    }
    assertThat(transitions).as("round %d: the acknowledged transitions", round).containsAll(expected);
    assertThat(transitions).as("round %d: no transition twice", round).doesNotHaveDuplicates();
    assertThat(transitions.size() - expected.size()).as("round %d: transitions beyond those acknowledged", round)
        .isLessThanOrEqualTo(inFlight.size());
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
