package dev.vitals.api.spi;

import dev.vitals.api.Alert;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which alerts a notifier receives: the severities it takes, and optionally only some rules and some
 * subjects. A {@link NotifierFactory} declares its type's default with
 * {@link NotifierFactory#defaultRouting()}; the keys {@code vitals.notifiers.<name>.severities},
 * {@code .rules} and {@code .subjects} override each part of it for one notifier.
 *
 * <p>The monitor applies it: a firing alert reaches a notifier when its severity, its rule and its
 * subject are all taken. Its reminders and its resolve then reach exactly the notifiers that received
 * it, whatever their severity; an escalation from warning to critical is a new firing notification,
 * routed by its new severity (so a critical-only notifier receives it, then its reminders and resolve).
 *
 * <pre>{@code
 * NotifierRouting.all()                                        // every alert (Slack, webhooks)
 * NotifierRouting.of(Alert.Severity.CRITICAL)                  // critical alerts only (PagerDuty)
 * NotifierRouting.none()                                       // no alert (e-mail: daily summaries)
 * NotifierRouting.all().withRules(List.of("probe-down", "slo-burn"))
 * }</pre>
 *
 * <p>Immutable and thread-safe; no method returns or accepts null.
 */
public final class NotifierRouting {

  private static final NotifierRouting ALL = new NotifierRouting(EnumSet.allOf(Alert.Severity.class), null, null);
  private static final NotifierRouting NONE = new NotifierRouting(EnumSet.noneOf(Alert.Severity.class), null, null);

  private final Set<Alert.Severity> severities;
  /** Null: every rule. */
  private final Set<String> rules;
  /** Null: every subject. */
  private final Set<String> subjects;

  private NotifierRouting(Set<Alert.Severity> severities, Set<String> rules, Set<String> subjects) {
    this.severities = Collections.unmodifiableSet(severities);
    this.rules = rules;
    this.subjects = subjects;
  }

  /**
   * Every alert: every severity, rule and subject.
   *
   * @return the routing
   */
  public static NotifierRouting all() {
    return ALL;
  }

  /**
   * No alert at all.
   *
   * @return the routing with no severity
   */
  public static NotifierRouting none() {
    return NONE;
  }

  /**
   * The alerts of some severities, of every rule and subject.
   *
   * @param severities the severities taken, not null; none means no alert
   * @return the routing
   * @throws NullPointerException if the array or an element is null
   */
  public static NotifierRouting of(Alert.Severity... severities) {
    return of(java.util.Arrays.asList(severities));
  }

  /**
   * The alerts of some severities, of every rule and subject.
   *
   * @param severities the severities taken, not null; empty means no alert
   * @return the routing
   * @throws NullPointerException if the collection or an element is null
   */
  public static NotifierRouting of(Collection<Alert.Severity> severities) {
    EnumSet<Alert.Severity> s = EnumSet.noneOf(Alert.Severity.class);
    for (Alert.Severity v : severities) {
      s.add(Objects.requireNonNull(v, "severity"));
    }
    return new NotifierRouting(s, null, null);
  }

  /**
   * This routing with other severities.
   *
   * @param severities the severities taken, not null; empty means no alert
   * @return a new routing with this one's rules and subjects
   * @throws NullPointerException if the collection or an element is null
   */
  public NotifierRouting withSeverities(Collection<Alert.Severity> severities) {
    return new NotifierRouting(of(severities).severities, rules, subjects);
  }

  /**
   * This routing limited to some rules.
   *
   * @param rules rule names, each one of {@link AlertRuleSettings#RULES}; not null and not empty
   * @return a new routing with this one's severities and subjects
   * @throws NullPointerException if the collection or an element is null
   * @throws IllegalArgumentException if empty or if a name is not a rule (a notifier that should receive
   *     nothing has no severities: {@link #none()})
   */
  public NotifierRouting withRules(Collection<String> rules) {
    Set<String> r = names(rules, "rules");
    for (String rule : r) {
      if (!AlertRuleSettings.RULES.contains(rule)) {
        throw new IllegalArgumentException("no alert rule '" + rule + "': expected one of " + AlertRuleSettings.RULES);
      }
    }
    return new NotifierRouting(severities, r, subjects);
  }

  /**
   * This routing for every rule.
   *
   * @return a new routing with this one's severities and subjects
   */
  public NotifierRouting withEveryRule() {
    return new NotifierRouting(severities, null, subjects);
  }

  /**
   * This routing limited to some subjects.
   *
   * @param subjects probe, tracker or objective names, or {@code service} for the alerts about the whole
   *     service (the cold start); not null and not empty
   * @return a new routing with this one's severities and rules
   * @throws NullPointerException if the collection or an element is null
   * @throws IllegalArgumentException if empty or if a name is blank
   */
  public NotifierRouting withSubjects(Collection<String> subjects) {
    return new NotifierRouting(severities, rules, names(subjects, "subjects"));
  }

  /**
   * This routing for every subject.
   *
   * @return a new routing with this one's severities and rules
   */
  public NotifierRouting withEverySubject() {
    return new NotifierRouting(severities, rules, null);
  }

  private static Set<String> names(Collection<String> names, String what) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : names) {
      if (Objects.requireNonNull(n, what).isBlank()) {
        throw new IllegalArgumentException("a blank name among the " + what + ": " + names);
      }
      out.add(n);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no " + what + ": a notifier that should receive nothing takes no severity"
          + " (NotifierRouting.none())");
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * The severities taken.
   *
   * @return an unmodifiable set, empty when the notifier receives nothing
   */
  public Set<Alert.Severity> severities() {
    return severities;
  }

  /**
   * The rules taken.
   *
   * @return an unmodifiable non-empty set in the order given, or empty for every rule
   */
  public Optional<Set<String>> rules() {
    return Optional.ofNullable(rules);
  }

  /**
   * The subjects taken.
   *
   * @return an unmodifiable non-empty set in the order given, or empty for every subject
   */
  public Optional<Set<String>> subjects() {
    return Optional.ofNullable(subjects);
  }

  /**
   * Whether a notifier with this routing receives no alert at all.
   *
   * @return true when no severity is taken
   */
  public boolean receivesNothing() {
    return severities.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NotifierRouting)) {
      return false;
    }
    NotifierRouting other = (NotifierRouting) o;
    return severities.equals(other.severities) && Objects.equals(rules, other.rules)
        && Objects.equals(subjects, other.subjects);
  }

  @Override
  public int hashCode() {
    return Objects.hash(severities, rules, subjects);
  }

  /**
   * The routing as configuration writes it.
   *
   * @return such as {@code severities=critical rules=all subjects=all}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("severities=");
    if (severities.isEmpty()) {
      sb.append("none");
    } else if (severities.size() == Alert.Severity.values().length) {
      sb.append("all");
    } else {
      StringBuilder list = new StringBuilder();
      for (Alert.Severity s : severities) {
        list.append(list.length() == 0 ? "" : ",").append(s.name().toLowerCase(java.util.Locale.ROOT));
      }
      sb.append(list);
    }
    sb.append(" rules=").append(rules == null ? "all" : String.join(",", rules));
    sb.append(" subjects=").append(subjects == null ? "all" : String.join(",", subjects));
    return sb.toString();
  }
}
