package dev.vitals.core;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.AlertRuleSettings;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.NotifierRouting;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which alerts one notifier receives ({@code vitals.notifiers.<name>.severities}, {@code .rules},
 * {@code .subjects}, each defaulting to its type's {@link NotifierRouting}), and which alerts it has
 * received as firing.
 *
 * <p>A firing notification that is not a reminder goes to the notifier when its severity, rule and
 * subject are all taken; the notifier then holds its dedup key. A reminder, and the resolve, go to the
 * notifier exactly when it holds the key (the resolve releases it), whatever their severity: a resolve
 * always follows its firing, and never arrives alone. An escalation from warning to critical is a new
 * firing notification, so a critical-only notifier receives it, then its reminders and its resolve.
 *
 * <p>The keys a notifier holds are those of the alerts firing now that it received: at most one per rule
 * and subject. Thread-safe ({@link #route} is called under the engine's lock; it synchronises anyway).
 */
final class Routing {

  /** The keys under {@code vitals.notifiers.<name>.} that routing reads. */
  static final Set<String> KEYS = Set.of("severities", "rules", "subjects");

  static final String SEVERITIES_FORM = "a comma-separated list of critical, warning; or all; or none";
  static final String RULES_FORM = "a comma-separated list of rules among " + AlertRuleSettings.RULES + "; or all";
  static final String SUBJECTS_FORM = "a comma-separated list of probe, tracker or objective names ("
      + ProbeSettings.NAME_RULE + "), or service for the service's own alerts (cold start); or all";

  private final NotifierRouting filter;
  /** Why the notifier receives nothing, to be logged at start; null when it receives something. */
  private final String silence;
  private final Set<String> firing = new HashSet<>();

  Routing(NotifierRouting filter, String silence) {
    this.filter = filter;
    this.silence = filter.receivesNothing() ? silence : null;
  }

  /** Every alert; for notifiers registered without configuration (tests). */
  static Routing all() {
    return new Routing(NotifierRouting.all(), null);
  }

  /**
   * Reads a notifier's routing keys over its type's default, adding a problem for each bad value.
   *
   * @param defaults the type's default routing
   * @param type the notifier's type, for the start-up message
   * @param scoped the notifier's settings
   * @param problems where problems go
   * @return the routing
   */
  static Routing from(NotifierRouting defaults, String type, Config scoped, List<String> problems) {
    NotifierRouting r = defaults;
    Optional<String> severities = scoped.get("severities");
    if (severities.isPresent()) {
      Set<Alert.Severity> parsed = severities(severities.get());
      if (parsed == null) {
        problems.add(ConfigException.describe(scoped.fullKey("severities"), severities.get(), SEVERITIES_FORM));
      } else {
        r = r.withSeverities(parsed);
      }
    }
    Optional<String> rules = scoped.get("rules");
    if (rules.isPresent()) {
      List<String> items = lowerCase(ConfigReads.list(rules.get()));
      if (items.equals(List.of("all"))) {
        r = r.withEveryRule();
      } else if (!items.isEmpty() && AlertRuleSettings.RULES.containsAll(items)) {
        r = r.withRules(items);
      } else {
        problems.add(ConfigException.describe(scoped.fullKey("rules"), rules.get(), RULES_FORM));
      }
    }
    Optional<String> subjects = scoped.get("subjects");
    if (subjects.isPresent()) {
      List<String> items = ConfigReads.list(subjects.get());
      if (items.equals(List.of("all"))) {
        r = r.withEverySubject();
      } else if (!items.isEmpty() && !items.contains("all") && allValidNames(items)) {
        r = r.withSubjects(items);
      } else {
        problems.add(ConfigException.describe(scoped.fullKey("subjects"), subjects.get(), SUBJECTS_FORM));
      }
    }
    String key = scoped.fullKey("severities");
    String silence = severities.isPresent()
        ? key + " = " + severities.get() + "; set it to critical, warning or all to send it alerts"
        : "type " + type + " sends none by default (" + defaults + "); set " + key
            + " to critical, warning or all to send it alerts";
    return new Routing(r, silence);
  }

  /** The severities of a list, or null when it is not one of the allowed forms. */
  private static Set<Alert.Severity> severities(String raw) {
    List<String> items = lowerCase(ConfigReads.list(raw));
    if (items.equals(List.of("all"))) {
      return EnumSet.allOf(Alert.Severity.class);
    }
    if (items.equals(List.of("none"))) {
      return EnumSet.noneOf(Alert.Severity.class);
    }
    Set<Alert.Severity> out = EnumSet.noneOf(Alert.Severity.class);
    for (String s : items) {
      if (s.equals("critical")) {
        out.add(Alert.Severity.CRITICAL);
      } else if (s.equals("warning")) {
        out.add(Alert.Severity.WARNING);
      } else {
        return null;
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static List<String> lowerCase(List<String> items) {
    for (int i = 0; i < items.size(); i++) {
      items.set(i, items.get(i).toLowerCase(Locale.ROOT)); // a loop, not a lambda (start-up rules: package doc)
    }
    return items;
  }

  private static boolean allValidNames(List<String> names) {
    for (String n : names) {
      if (!ProbeSettings.validName(n)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The filter this notifier applies.
   *
   * @return its routing
   */
  NotifierRouting filter() {
    return filter;
  }

  /**
   * Why this notifier receives no alert at all, with the key that changes it.
   *
   * @return the reason, or empty when it receives some
   */
  Optional<String> silence() {
    return Optional.ofNullable(silence);
  }

  /**
   * Whether an alert goes to this notifier, recording a firing one that does.
   *
   * @param alert the alert
   * @return true when the notifier is to receive it
   */
  synchronized boolean route(Alert alert) {
    String key = alert.dedupKey();
    if (alert.state() == Alert.State.RESOLVED) {
      return firing.remove(key);
    }
    if (alert.repeat()) {
      return firing.contains(key);
    }
    if (takes(alert)) {
      firing.add(key);
      return true;
    }
    return false;
  }

  private boolean takes(Alert alert) {
    Optional<Set<String>> rules = filter.rules();
    Optional<Set<String>> subjects = filter.subjects();
    return filter.severities().contains(alert.severity())
        && (rules.isEmpty() || rules.get().contains(alert.rule()))
        && (subjects.isEmpty() || subjects.get().contains(alert.subject()));
  }
}
