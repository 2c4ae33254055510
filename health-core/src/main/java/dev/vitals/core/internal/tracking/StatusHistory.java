package dev.vitals.core.internal.tracking;

import dev.vitals.api.HistoryEntry;
import java.util.List;
import java.util.Objects;

/**
 * The latest status transitions of one probe, oldest first, for the status page and
 * {@code ProbeReport.history()}. Bounded: it keeps the last {@code capacity} transitions, and a
 * message longer than {@value #MAX_MESSAGE_LENGTH} characters is cut to that length (ending with
 * an ellipsis), so its memory does not grow with run time.
 *
 * <p>Messages must already be redacted (they come from {@code ProbeResult}, which redacts them).
 * Thread-safe: every method synchronises on this object.
 */
public final class StatusHistory {

  /** The number of transitions kept by default. */
  public static final int DEFAULT_CAPACITY = 100;

  /** The longest message kept, in characters. */
  public static final int MAX_MESSAGE_LENGTH = 200;

  private final HistoryEntry[] ring;
  private int next;
  private int size;
  /** The transitions as an immutable list, or null until asked for since the last change. */
  private List<HistoryEntry> list;

  /** Creates a history of the last {@link #DEFAULT_CAPACITY} transitions. */
  public StatusHistory() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * Creates a history of the last {@code capacity} transitions.
   *
   * @param capacity how many transitions to keep, at least 1
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public StatusHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.ring = new HistoryEntry[capacity];
  }

  /**
   * Appends a transition, dropping the oldest when full.
   *
   * @param transition the transition, not null; its message is cut to {@value #MAX_MESSAGE_LENGTH}
   *     characters
   * @throws NullPointerException if {@code transition} is null
   */
  public synchronized void add(HistoryEntry transition) {
    Objects.requireNonNull(transition, "transition");
    HistoryEntry t = transition;
    if (t.message().length() > MAX_MESSAGE_LENGTH) {
      t = new HistoryEntry(t.from(), t.to(), t.at(),
          t.message().substring(0, MAX_MESSAGE_LENGTH - 1) + "\u2026");
    }
    ring[next] = t;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
    list = null;
  }

  /**
   * Puts earlier transitions (from a history store) before the kept ones, keeping the latest
   * {@code capacity} of all.
   *
   * @param earlier transitions older than every kept one, oldest first, not null
   */
  public synchronized void prepend(List<HistoryEntry> earlier) {
    if (earlier.isEmpty()) {
      return;
    }
    List<HistoryEntry> kept = transitions();
    java.util.Arrays.fill(ring, null);
    next = 0;
    size = 0;
    List<HistoryEntry> all = new java.util.ArrayList<>(earlier.size() + kept.size());
    all.addAll(earlier);
    all.addAll(kept);
    for (HistoryEntry t : all.subList(Math.max(0, all.size() - ring.length), all.size())) {
      add(t);
    }
    list = null;
  }

  /**
   * The kept transitions.
   *
   * @return an immutable list, oldest first, at most {@code capacity} long
   */
  public synchronized List<HistoryEntry> transitions() {
    if (list == null) {
      // built once per change: every report of an unchanged history shares it (List.copyOf keeps it)
      HistoryEntry[] copy = new HistoryEntry[size];
      int start = (next - size + ring.length) % ring.length;
      for (int i = 0; i < size; i++) {
        copy[i] = ring[(start + i) % ring.length];
      }
      list = List.of(copy);
    }
    return list;
  }

  /**
   * How many transitions are kept now.
   *
   * @return from 0 to {@code capacity}
   */
  public synchronized int size() {
    return size;
  }
}
