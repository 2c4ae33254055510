package dev.vitals.core;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maintenance windows ({@code vitals.maintenance.<name>.*}): one-off ({@code start}, {@code end})
 * or recurring ({@code cron}, {@code duration}, {@code zone}), for some probes and trackers
 * ({@code subjects}) or the whole service ({@code subjects = service}, the default). During a
 * window, alerts for its subjects are silenced; with {@code exclude-from-availability = true} the
 * time is left out of their availability as well. Immutable.
 */
final class Maintenance {

  static final Set<String> KEYS = KnownKeys.MAINTENANCE_KEYS;
  static final Duration MAX_DURATION = Duration.ofDays(7);

  /** One window. */
  static final class Window {
    final String name;
    final Set<String> subjects;
    final Instant start;
    final Instant end;
    final Cron cron;
    final Duration duration;
    final ZoneId zone;
    final boolean excludeFromAvailability;

    Window(String name, Set<String> subjects, Instant start, Instant end, Cron cron, Duration duration, ZoneId zone,
        boolean excludeFromAvailability) {
      this.name = name;
      this.subjects = subjects;
      this.start = start;
      this.end = end;
      this.cron = cron;
      this.duration = duration;
      this.zone = zone;
      this.excludeFromAvailability = excludeFromAvailability;
    }

    boolean covers(String subject) {
      return subjects.contains("service") || subjects.contains(subject);
    }

    /** When the occurrence that contains {@code now} started, if one does. */
    Optional<Instant> activeSince(Instant now) {
      if (cron == null) {
        return !now.isBefore(start) && now.isBefore(end) ? Optional.of(start) : Optional.empty();
      }
      ZonedDateTime t = now.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
      ZonedDateTime earliest = now.minus(duration).atZone(zone);
      for (; t.isAfter(earliest); t = t.minusMinutes(1)) {
        if (cron.matches(t)) {
          return Optional.of(t.toInstant());
        }
      }
      return Optional.empty();
    }
  }

  private final List<Window> windows;

  private Maintenance(List<Window> windows) {
    this.windows = List.copyOf(windows);
  }

  static Maintenance none() {
    return new Maintenance(List.of());
  }

  boolean isEmpty() {
    return windows.isEmpty();
  }

  List<Window> windows() {
    return windows;
  }

  /** Whether a subject is in a window now. */
  boolean silenced(String subject, Instant now) {
    for (Window w : windows) {
      if (w.covers(subject) && w.activeSince(now).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a subject's time now is left out of its availability. */
  boolean excludedFromAvailability(String subject, Instant now) {
    for (Window w : windows) {
      if (w.excludeFromAvailability && w.covers(subject) && w.activeSince(now).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** The names of the windows active now. */
  List<String> active(Instant now) {
    List<String> out = new ArrayList<>();
    for (dev.vitals.api.MaintenanceWindow w : open(now)) {
      out.add(w.name());
    }
    return out;
  }

  /** The windows open now, as the report shows them. */
  List<dev.vitals.api.MaintenanceWindow> open(Instant now) {
    List<dev.vitals.api.MaintenanceWindow> out = new ArrayList<>();
    for (Window w : windows) {
      Optional<Instant> since = w.activeSince(now);
      if (since.isPresent()) {
        Instant until = w.cron == null ? w.end : since.get().plus(w.duration);
        out.add(new dev.vitals.api.MaintenanceWindow(w.name, w.subjects, since.get(), until, w.excludeFromAvailability));
      }
    }
    return out;
  }

  static Maintenance from(Config all, List<String> problems) {
    Set<String> names = ConfigReads.names(all.keys(), "vitals.maintenance.");
    List<Window> windows = new ArrayList<>();
    for (String name : names) {
      Config c = all.scoped("vitals.maintenance." + name + ".");
      for (String k : c.keys()) {
        if (!KEYS.contains(k)) {
          problems.add(c.fullKey(k) + " is not a known key: expected one of " + new TreeSet<>(KEYS));
        }
      }
      Set<String> subjects = new TreeSet<>(c.get("subjects").map(ConfigReads::list).orElse(List.of("service")));
      boolean[] exclude = {false};
      ConfigReads.collect(problems, () -> exclude[0] = c.bool("exclude-from-availability", false));
      ZoneId zone = ZoneId.of("UTC");
      if (c.get("zone").isPresent()) {
        try {
          zone = ZoneId.of(c.get("zone").get());
        } catch (DateTimeException e) {
          problems.add(ConfigException.describe(c.fullKey("zone"), c.get("zone").get(),
              "a time zone such as UTC or Europe/Berlin"));
        }
      }
      if (c.get("cron").isPresent()) {
        Cron cron = null;
        try {
          cron = Cron.parse(c.get("cron").get());
        } catch (IllegalArgumentException e) {
          problems.add(ConfigException.describe(c.fullKey("cron"), c.get("cron").get(),
              "a cron expression 'minute hour day-of-month month day-of-week', such as '0 2 * * 0' ("
                  + e.getMessage() + ")"));
        }
        Duration[] d = {null};
        ConfigReads.collect(problems, () -> d[0] = c.duration("duration").orElse(null));
        if (d[0] == null && c.get("duration").isEmpty()) {
          problems.add(c.fullKey("duration") + " is missing: a recurring window needs a duration such as 2h");
        } else if (d[0] != null && d[0].compareTo(MAX_DURATION) > 0) {
          problems.add(ConfigException.describe(c.fullKey("duration"), c.get("duration").get(), "at most 7d"));
        }
        if (c.get("start").isPresent() || c.get("end").isPresent()) {
          problems.add("vitals.maintenance." + name + ": give either cron and duration, or start and end, not both");
        }
        if (cron != null && d[0] != null) {
          windows.add(new Window(name, subjects, null, null, cron, d[0], zone, exclude[0]));
        }
      } else {
        Instant start = instant(c, "start", problems);
        Instant end = instant(c, "end", problems);
        if (start != null && end != null) {
          if (!end.isAfter(start)) {
            problems.add(ConfigException.describe(c.fullKey("end"), c.get("end").get(), "a time after start"));
          } else {
            windows.add(new Window(name, subjects, start, end, null, null, zone, exclude[0]));
          }
        }
      }
    }
    return new Maintenance(windows);
  }

  private static Instant instant(Config c, String key, List<String> problems) {
    Optional<String> raw = c.get(key);
    if (raw.isEmpty()) {
      problems.add(c.fullKey(key) + " is missing: a one-off window needs start and end (ISO-8601 such as"
          + " 2026-12-01T02:00:00Z), a recurring one cron and duration");
      return null;
    }
    try {
      return Instant.parse(raw.get());
    } catch (DateTimeException e) {
      problems.add(ConfigException.describe(c.fullKey(key), raw.get(), "an ISO-8601 instant such as 2026-12-01T02:00:00Z"));
      return null;
    }
  }
}
