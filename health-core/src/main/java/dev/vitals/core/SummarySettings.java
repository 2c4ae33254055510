package dev.vitals.core;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * When and through which notifiers the daily (and optional weekly) summary is sent: the keys
 * {@code vitals.summary.time}, {@code .zone}, {@code .notifiers} and {@code .weekly}. Immutable.
 */
final class SummarySettings {

  static final String PREFIX = "vitals.summary.";
  static final String TIME = PREFIX + "time";
  static final String ZONE = PREFIX + "zone";
  static final String NOTIFIERS = PREFIX + "notifiers";
  static final String WEEKLY = PREFIX + "weekly";

  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final String TIME_ALLOWED = "a time of day as HH:mm on the 24-hour clock, such as 08:00 or 17:30";
  private static final String ZONE_ALLOWED = "a time-zone id such as Europe/Berlin, America/New_York or UTC";
  private static final String WEEKLY_ALLOWED =
      "a day of the week: MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY or SUNDAY (any case)";

  /** The time of day summaries are sent, in {@link #zone}. */
  final LocalTime time;
  /** The zone days are counted in. */
  final ZoneId zone;
  /** The notifiers' names, in the order given, each once. */
  final List<String> notifiers;
  /** The day the weekly summary is sent on; empty for none. */
  final Optional<DayOfWeek> weekly;

  SummarySettings(LocalTime time, ZoneId zone, List<String> notifiers, Optional<DayOfWeek> weekly) {
    this.time = time;
    this.zone = zone;
    this.notifiers = List.copyOf(notifiers);
    this.weekly = weekly;
  }

  /**
   * Reads the summary keys.
   *
   * @param config the monitor's configuration, full keys ({@code vitals.summary.time})
   * @param notifiers the configured notifiers by name
   * @param problems where every mistake is added: the full key, the value and what is allowed
   * @return the settings; null when {@code vitals.summary.time} is absent (no summaries) or a value is bad
   */
  static SummarySettings parse(Config config, Map<String, Notifier> notifiers, List<String> problems) {
    Optional<String> rawTime = config.get(TIME);
    if (rawTime.isEmpty()) {
      for (String key : List.of(ZONE, NOTIFIERS, WEEKLY)) {
        if (config.get(key).isPresent()) {
          problems.add(config.fullKey(key) + " is set but " + config.fullKey(TIME) + " is not: set "
              + config.fullKey(TIME) + " (HH:mm, such as 08:00) to send summaries, or remove " + config.fullKey(key));
        }
      }
      return null;
    }
    int before = problems.size();

    LocalTime time = null;
    if (HH_MM.matcher(rawTime.get()).matches()) {
      time = LocalTime.parse(rawTime.get());
    } else {
      problems.add(ConfigException.describe(config.fullKey(TIME), rawTime.get(), TIME_ALLOWED));
    }

    ZoneId zone = ZoneId.systemDefault();
    Optional<String> rawZone = config.get(ZONE);
    if (rawZone.isPresent()) {
      try {
        zone = ZoneId.of(rawZone.get());
      } catch (DateTimeException e) {
        problems.add(ConfigException.describe(config.fullKey(ZONE), rawZone.get(), ZONE_ALLOWED));
      }
    }

    List<String> names = notifierNames(config, notifiers, problems);

    Optional<DayOfWeek> weekly = Optional.empty();
    Optional<String> rawWeekly = config.get(WEEKLY);
    if (rawWeekly.isPresent()) {
      try {
        weekly = Optional.of(DayOfWeek.valueOf(rawWeekly.get().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        problems.add(ConfigException.describe(config.fullKey(WEEKLY), rawWeekly.get(), WEEKLY_ALLOWED));
      }
    }
    return problems.size() == before ? new SummarySettings(time, zone, names, weekly) : null;
  }

  private static List<String> notifierNames(Config config, Map<String, Notifier> notifiers, List<String> problems) {
    String key = config.fullKey(NOTIFIERS);
    TreeSet<String> capable = new TreeSet<>();
    for (Map.Entry<String, Notifier> e : notifiers.entrySet()) {
      if (e.getValue().sendsSummaries()) {
        capable.add(e.getKey());
      }
    }
    String choices = capable.isEmpty()
        ? "no configured notifier can send summaries: add an e-mail notifier (vitals.notifiers.<name>.type = email)"
        : "configured notifiers that can: " + String.join(", ", capable);
    Optional<String> raw = config.get(NOTIFIERS);
    if (raw.isEmpty()) {
      problems.add(key + " is missing: " + config.fullKey(TIME) + " is set, so summaries need notifiers to send them;"
          + " expected a comma-separated list of e-mail notifiers (" + choices + ")");
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String part : raw.get().split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty()) {
        problems.add(ConfigException.describe(key, raw.get(),
            "a comma-separated list of notifier names without empty entries (" + choices + ")"));
        continue;
      }
      Notifier n = notifiers.get(name);
      if (n == null) {
        TreeSet<String> known = new TreeSet<>(notifiers.keySet());
        problems.add(ConfigException.describe(key, raw.get(), "names of configured notifiers, but '" + name
            + "' is none (" + (known.isEmpty() ? "no notifier is configured" : "known: " + String.join(", ", known))
            + "; " + choices + ")"));
      } else if (!n.sendsSummaries()) {
        String type = config.get("vitals.notifiers." + name + ".type").map(t -> " (type " + t + ")").orElse("");
        problems.add(ConfigException.describe(key, raw.get(), "notifiers that can send summaries: notifier " + name
            + type + " cannot send summaries; e-mail notifiers can (" + choices + ")"));
      } else if (names.contains(name)) {
        problems.add(ConfigException.describe(key, raw.get(), "each notifier once, but '" + name + "' is named twice"));
      } else {
        names.add(name);
      }
    }
    return names;
  }

  @Override
  public String toString() {
    return "SummarySettings{time=" + time + ", zone=" + zone + ", notifiers=" + notifiers
        + ", weekly=" + weekly.map(DayOfWeek::name).orElse("off") + '}';
  }
}
