package dev.vitals.core.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.vitals.api.Status;
import dev.vitals.api.HistoryEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusHistoryTest {

  private static HistoryEntry change(int i) {
    return new HistoryEntry(i % 2 == 0 ? Status.UP : Status.DOWN,
        i % 2 == 0 ? Status.DOWN : Status.UP, Instant.ofEpochSecond(i), "change " + i);
  }

  @Test
  void keepsTheLastHundredOldestFirst() {
    StatusHistory history = new StatusHistory();
    for (int i = 0; i < 250; i++) {
      history.add(change(i));
    }

    assertThat(history.size()).isEqualTo(StatusHistory.DEFAULT_CAPACITY);
    assertThat(history.transitions()).hasSize(100).first().isEqualTo(change(150));
    assertThat(history.transitions()).last().isEqualTo(change(249));
  }

  @Test
  void emptyAndPartlyFilledHistoriesListWhatTheyHave() {
    StatusHistory history = new StatusHistory(3);
    assertThat(history.transitions()).isEmpty();
    history.add(change(0));
    history.add(change(1));
    assertThat(history.transitions()).containsExactly(change(0), change(1));
  }

  @Test
  void longMessagesAreCutSoMemoryStaysBounded() {
    StatusHistory history = new StatusHistory(2);
    history.add(new HistoryEntry(Status.UP, Status.DOWN, Instant.EPOCH, "x".repeat(10_000)));

    String kept = history.transitions().get(0).message();
    assertThat(kept).hasSize(StatusHistory.MAX_MESSAGE_LENGTH).endsWith("\u2026");
  }

  @Test
  void theListIsAnImmutableCopy() {
    StatusHistory history = new StatusHistory(2);
    history.add(change(0));
    var list = history.transitions();
    history.add(change(1));
    assertThat(list).containsExactly(change(0));
    assertThat(list).isUnmodifiable();
  }

  @Test
  void capacityBelowOneIsRefusedWithTheValue() {
    assertThatIllegalArgumentException().isThrownBy(() -> new StatusHistory(0))
        .withMessageContaining("capacity").withMessageContaining("0");
  }
}
