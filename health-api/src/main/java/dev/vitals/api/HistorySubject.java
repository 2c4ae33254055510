package dev.vitals.api;

import java.util.Objects;

/**
 * What a history is about: one probe or one tracker, by name.
 *
 * @param kind a probe or a tracker
 * @param name its name
 */
public record HistorySubject(Kind kind, String name) {

  /** Probes and trackers keep separate histories (a probe and a tracker may share a name). */
  public enum Kind {
    /** A probe: availability is the share of observed time it was UP or DEGRADED. */
    PROBE,
    /** A tracker of the service's own operations: availability is the share of successful operations. */
    TRACKER
  }

  /**
   * Checks for nulls and an empty name.
   *
   * @param kind see {@link #kind()}
   * @param name see {@link #name()}
   */
  public HistorySubject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a history subject needs a name");
    }
  }

  /**
   * A probe's subject.
   *
   * @param name the probe's name
   * @return the subject
   */
  public static HistorySubject probe(String name) {
    return new HistorySubject(Kind.PROBE, name);
  }

  /**
   * A tracker's subject.
   *
   * @param name the tracker's name
   * @return the subject
   */
  public static HistorySubject tracker(String name) {
    return new HistorySubject(Kind.TRACKER, name);
  }

  /**
   * The stored key: {@code probe.<name>} or {@code tracker.<name>} (the keys baselines use).
   *
   * @return the key
   */
  public String key() {
    return (kind == Kind.PROBE ? "probe." : "tracker.") + name;
  }

  /**
   * The subject a stored key names.
   *
   * @param key {@code probe.<name>} or {@code tracker.<name>}
   * @return the subject
   * @throws IllegalArgumentException for another form
   */
  public static HistorySubject ofKey(String key) {
    if (key.startsWith("probe.") && key.length() > 6) {
      return probe(key.substring(6));
    }
    if (key.startsWith("tracker.") && key.length() > 8) {
      return tracker(key.substring(8));
    }
    throw new IllegalArgumentException("a history subject key is probe.<name> or tracker.<name>, not '" + key + "'");
  }
}
