package dev.vitals.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A spell in which a probe was not UP: from its transition out of UP (to DOWN or DEGRADED) to its
 * transition back to UP. Immutable.
 *
 * @param start when it began
 * @param end when the probe was UP again; empty while it lasts (or when the history ends before)
 * @param worst the worst status during the spell: {@link Status#DOWN} or {@link Status#DEGRADED}
 * @param message the message of the transition that began it (or made it worse), redacted
 */
public record Incident(Instant start, Optional<Instant> end, Status worst, String message) {

  /**
   * Checks for nulls.
   *
   * @param start see {@link #start()}
   * @param end see {@link #end()}
   * @param worst see {@link #worst()}
   * @param message see {@link #message()}
   */
  public Incident {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(worst, "worst");
    Objects.requireNonNull(message, "message");
  }

  /**
   * How long it lasted, or has lasted until {@code now}.
   *
   * @param now the time to measure an open incident to
   * @return the duration, zero or more
   */
  public Duration duration(Instant now) {
    Duration d = Duration.between(start, end.orElse(now));
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * The incidents a list of status transitions describes. A transition to UNKNOWN (the monitor
   * stopped observing, such as a restart) ends nothing by itself; the incident ends at the next
   * transition to UP.
   *
   * @param transitions transitions of one probe, oldest first, not null
   * @return the incidents, oldest first
   */
  public static List<Incident> of(List<HistoryEntry> transitions) {
    List<Incident> out = new ArrayList<>();
    Instant start = null;
    Status worst = null;
    String message = "";
    for (HistoryEntry t : transitions) {
      if (t.to() == Status.DOWN || t.to() == Status.DEGRADED) {
        if (start == null) {
          start = t.at();
          worst = t.to();
          message = t.message();
        } else if (t.to() == Status.DOWN && worst != Status.DOWN) {
          worst = Status.DOWN;
          message = t.message();
        }
      } else if (t.to() == Status.UP && start != null) {
        out.add(new Incident(start, Optional.of(t.at()), worst, message));
        start = null;
        worst = null;
        message = "";
      }
    }
    if (start != null) {
      out.add(new Incident(start, Optional.empty(), worst, message));
    }
    return List.copyOf(out);
  }
}
