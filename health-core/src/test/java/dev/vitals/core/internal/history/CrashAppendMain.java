package dev.vitals.core.internal.history;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryTransition;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link FileHistoryStoreCrashTest}: opens the store in {@code args[0]} and
 * appends batch after batch from batch {@code args[1]} as fast as it can, printing {@code ACK n} once
 * batch {@code n}'s append has returned, until it is killed.
 */
public final class CrashAppendMain {

  /** Subjects per batch. */
  static final int SUBJECTS = 5;
  /** Minutes between batches: a new day every 205 batches or so, so kills also land during compactions. */
  static final int STRIDE = 7;

  private CrashAppendMain() {}

  static List<HistoryPeriod> minutes(long batch) {
    List<HistoryPeriod> out = new ArrayList<>(SUBJECTS);
    for (int s = 0; s < SUBJECTS; s++) {
      out.add(Fixtures.minute("s" + s, Fixtures.DAY0 + batch * STRIDE, batch * 10 + s));
    }
    return out;
  }

  static List<HistoryTransition> transitions(long batch) {
    return batch % 10 == 0
        ? List.of(Fixtures.transition("s0", Status.UP, Status.DOWN, Fixtures.at(Fixtures.DAY0 + batch * STRIDE), "batch " + batch))
        : List.of();
  }

  /**
   * Runs until killed.
   *
   * @param args the directory and the first batch number
   * @throws Exception when the store fails (the test then sees the child end without acknowledgements)
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    long first = Long.parseLong(args[1]);
    try (FileHistoryStore store = FileHistoryStore.open(Path.of(args[0]), 1L << 30)) {
      out.println("OPEN");
      for (long b = first; b < first + 1_000_000; b++) {
        store.append(minutes(b), transitions(b));
        out.println("ACK " + b);
      }
    }
  }
}
