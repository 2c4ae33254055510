package dev.vitals.core;

import dev.vitals.api.spi.AlertRuleSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which {@code vitals.*} keys some part of Vitals reads, and what to say about a key (or a
 * {@code VITALS_*} environment variable) that no part reads.
 *
 * <p>Every part declares what it reads: the engine its own keys (below), probe and notifier types their
 * {@code keys()}, exporters their {@code ExporterFactory.keys()}. A claim is a full key, a full key with
 * {@code *} for an entry's name ({@code vitals.probes.*.interval}), or a prefix ending with a dot that
 * claims everything below it ({@code vitals.kit.}). An entry ({@code vitals.probes.db.}) accepts the keys
 * its kind and type declare, and keys below a declared one ({@code headers.X-Key} below {@code headers}).
 *
 * <p>A key nobody claims is refused with the closest known key (edit distance over the whole key, with
 * the user's entry name kept), or else with the closest section, or, for a section read by a Vitals module
 * that is not on the class path, the module to add. Not thread-safe: built and used by one
 * {@code build()}.
 */
final class KnownKeys {

  /** The engine's own top-level keys. */
  static final List<String> CORE_KEYS = List.of("vitals.jitter", "vitals.engine.threads", "vitals.trackers.max",
      "vitals.baseline.file", "vitals.baseline.tolerance", "vitals.alerts.repeat-interval", "vitals.alerts.link");

  /** Keys under {@code vitals.trackers.<name>.}. */
  /** The keys every notifier has (here, not in NotifierSpec: a monitor without notifiers never loads that). */
  static final Set<String> NOTIFIER_COMMON_KEYS = Set.of("type", "enabled", "queue", "retries", "backoff", "severities", "rules",
      "subjects");
  /** The keys of an entry under vitals.slos (here: a monitor without them never loads Slo). */
  static final Set<String> SLO_KEYS = Set.of("tracker", "objective", "latency", "window");
  /** The keys of an entry under vitals.maintenance (here: a monitor without them never loads Maintenance). */
  static final Set<String> MAINTENANCE_KEYS = Set.of("subjects", "start", "end", "cron", "duration", "zone",
      "exclude-from-availability");
  static final Set<String> TRACKER_KEYS = Set.of("budget.target", "budget.acceptable");

  /**
   * Sections read by Vitals modules that may be missing from the class path, and the module to add. Used
   * only to word the message when no part on the class path claims such a key; what is accepted is always
   * what the plugins on the class path declare.
   */
  static final Map<String, String> MODULES = Map.of("http", "exporter-http", "micrometer", "exporter-micrometer",
      "logging", "exporter-logging");

  /** Entries by name: vitals.probes.db. -> the keys it accepts (null: everything, judged elsewhere). */
  private final Map<String, Set<String>> entries = new LinkedHashMap<>();
  /** Claims: full keys, patterns with '*' for a name, prefixes ending with a dot. */
  private final Set<String> claims = new LinkedHashSet<>();
  /** Sections with named entries: probes, notifiers, slos, maintenance, trackers, budgets. */
  private final Set<String> namedSections = new LinkedHashSet<>();
  private boolean exporterDiscovery = true;

  KnownKeys() {
    claims.addAll(CORE_KEYS);
    for (String rule : AlertRuleSettings.RULES) {
      for (String k : AlertRuleSettings.RULE_KEYS) {
        claims.add("vitals.alerts." + rule + "." + k);
      }
    }
    section("trackers", TRACKER_KEYS);
    section("slos", SLO_KEYS);
    section("maintenance", MAINTENANCE_KEYS);
    section("budgets", NameBudgets.KEYS);
  }

  /**
   * Declares a section of named entries and the keys every entry accepts (for suggestions and for
   * entries without keys of their own).
   */
  void section(String section, Collection<String> keys) {
    namedSections.add(section);
    for (String k : keys) {
      claims.add("vitals." + section + ".*." + k);
    }
  }

  /**
   * Declares one entry and the keys it accepts.
   *
   * @param section such as {@code probes}
   * @param name the entry's name
   * @param keys its keys relative to the entry, or null to accept every key (another part judges them)
   */
  void entry(String section, String name, Set<String> keys) {
    entries.put("vitals." + section + "." + name + ".", keys);
  }

  /** Adds claims (full keys, or prefixes ending with a dot), such as an exporter's keys. */
  void claim(Collection<String> keys) {
    claims.addAll(keys);
  }

  void exporterDiscovery(boolean on) {
    exporterDiscovery = on;
  }

  /**
   * The full keys an environment variable may set for the names known so far.
   *
   * @return claimed full keys, with every entry's keys under its name
   */
  List<String> candidates() {
    List<String> out = new ArrayList<>();
    for (String c : claims) {
      if (!c.endsWith(".") && c.indexOf('*') < 0) {
        out.add(c);
      }
    }
    for (Map.Entry<String, Set<String>> e : entries.entrySet()) {
      String section = e.getKey().substring("vitals.".length(), e.getKey().indexOf('.', "vitals.".length()));
      Set<String> keys = e.getValue() != null ? e.getValue() : sectionKeys(section);
      for (String k : keys) {
        out.add(e.getKey() + k);
      }
    }
    return out;
  }

  private Set<String> sectionKeys(String section) {
    Set<String> keys = new TreeSet<>();
    String p = "vitals." + section + ".*.";
    for (String c : claims) {
      if (c.startsWith(p)) {
        keys.add(c.substring(p.length()));
      }
    }
    return keys;
  }

  /**
   * Checks every key, adding a problem for each one no part reads.
   *
   * @param keys the configured keys
   * @param problems where problems go
   * @return the keys that are refused
   */
  Set<String> check(Collection<String> keys, List<String> problems) {
    Set<String> refused = new LinkedHashSet<>();
    for (String key : keys) {
      if (!key.startsWith("vitals.")) {
        continue; // not ours (a framework's property source may hold others)
      }
      String problem = problem(key);
      if (problem != null) {
        refused.add(key);
        problems.add(problem);
      }
    }
    return refused;
  }

  /** The problem with one key, or null when some part reads it. */
  String problem(String key) {
    // vitals.<section>.<name>.<rest>: the entry by its prefix (a lookup: a monitor may have 10,000 probes)
    int sectionEnd = key.indexOf('.', "vitals.".length());
    int nameEnd = sectionEnd < 0 ? -1 : key.indexOf('.', sectionEnd + 1);
    if (nameEnd > 0) {
      String entry = key.substring(0, nameEnd + 1);
      if (entries.containsKey(entry)) {
        return entryProblem(key, entry, entries.get(entry));
      }
    }
    for (String c : claims) {
      if (matches(c, key)) {
        return null;
      }
    }
    String[] segments = key.split("\\.", -1);
    String section = segments.length > 1 ? segments[1] : "";
    if (namedSections.contains(section)) {
      // vitals.probes.db without a key, or a name that is not a name
      return key + " is not a known key: expected vitals." + section + ".<name>.<key>";
    }
    if (MODULES.containsKey(section) && !claimsSection(section)) {
      return key + " is not a known key: no module on the class path reads vitals." + section + ".*: add "
          + MODULES.get(section) + (exporterDiscovery ? "" : " (exporter discovery is off: register its"
          + " ExporterFactory with builder().exporterFactory(...))");
    }
    String suggestion = closestKey(key);
    if (suggestion != null) {
      return key + " is not a known key: did you mean " + suggestion + "?";
    }
    if (sections().contains(section)) {
      Set<String> under = new TreeSet<>();
      for (String c : claims) {
        if (c.startsWith("vitals." + section + ".")) {
          under.add(c.endsWith(".") ? c + "*" : c);
        }
      }
      return key + " is not a known key: expected one of " + under;
    }
    String closeSection = closestSection(section);
    if (closeSection != null && segments.length > 2) {
      segments[1] = closeSection;
      return key + " is not a known key: did you mean " + String.join(".", segments) + "? (vitals." + section
          + " is no section; vitals." + closeSection + " is)";
    }
    return key + " is not a known key: no part of Vitals reads it; expected a key under " + sectionList();
  }

  private String entryProblem(String key, String entry, Set<String> accepted) {
    if (accepted == null) {
      return null;
    }
    String rest = key.substring(entry.length());
    for (String k : accepted) {
      if (rest.equals(k) || rest.startsWith(k + ".")) {
        return null;
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : accepted) {
      int d = distance(rest, k);
      if (d < bestDistance || d == bestDistance && best != null && k.compareTo(best) < 0) {
        best = k;
        bestDistance = d;
      }
    }
    String expected = "expected one of " + new TreeSet<>(accepted);
    if (best != null && close(rest, best, bestDistance)) {
      return key + " is not a known key: did you mean " + entry + best + "? (" + expected + ")";
    }
    return key + " is not a known key: " + expected;
  }

  /** Whether some part claims a key of a section. */
  private boolean claimsSection(String section) {
    String p = "vitals." + section + ".";
    for (String c : claims) {
      if (c.startsWith(p) || c.equals("vitals." + section)) {
        return true;
      }
    }
    return false;
  }

  /** The closest claimed full key, with the user's name kept for a '*', or null when none is close. */
  private String closestKey(String key) {
    String[] segments = key.split("\\.", -1);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : claims) {
      String candidate = instantiate(c, segments);
      if (candidate == null) {
        continue;
      }
      int d = distance(key, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && close(key, best, bestDistance) ? best : null;
  }

  /** A claim with its '*' replaced by the user's segment at that place, or null when it cannot be. */
  private static String instantiate(String claim, String[] segments) {
    if (claim.endsWith(".")) {
      claim = claim + "*"; // a prefix: compare with the user's next segment in its place
    }
    String[] c = claim.split("\\.", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      String s = c[i];
      if (s.equals("*")) {
        if (i >= segments.length) {
          return null;
        }
        s = segments[i];
      }
      if (i > 0) {
        sb.append('.');
      }
      sb.append(s);
    }
    return sb.toString();
  }

  private String closestSection(String section) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String s : sections()) {
      int d = distance(section, s);
      if (d < bestDistance) {
        best = s;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= 2 && bestDistance * 2 < best.length() ? best : null;
  }

  private Set<String> sections() {
    Set<String> out = new TreeSet<>();
    for (String c : claims) {
      String[] s = c.split("\\.");
      if (s.length > 2) {
        out.add(s[1]);
      }
    }
    out.addAll(namedSections);
    return out;
  }

  private String sectionList() {
    List<String> out = new ArrayList<>();
    for (String s : sections()) {
      out.add("vitals." + s + ".");
    }
    for (String c : claims) {
      if (c.split("\\.").length == 2) {
        out.add(c);
      }
    }
    return String.join(", ", out);
  }

  /** Whether a claim covers a key. */
  static boolean matches(String claim, String key) {
    if (claim.endsWith(".")) {
      return key.startsWith(claim);
    }
    if (claim.indexOf('*') < 0) {
      return claim.equals(key);
    }
    String[] c = claim.split("\\.", -1);
    String[] k = key.split("\\.", -1);
    if (k.length < c.length) {
      return false;
    }
    for (int i = 0; i < c.length; i++) {
      if (!c[i].equals("*") && !c[i].equals(k[i])) {
        return false;
      }
    }
    return k.length == c.length;
  }

  /**
   * Whether a distance is small enough for a suggestion: at most 2 edits, and fewer than a third of the
   * shorter text (so that {@code foo} does not become {@code for} ... unless only one letter differs).
   */
  static boolean close(String given, String known, int distance) {
    int shorter = Math.min(given.length(), known.length());
    return distance <= 2 && (distance <= 1 ? shorter >= 3 : distance * 3 <= shorter);
  }

  /**
   * The environment variables that set no key Vitals reads, each a problem with the closest known one.
   *
   * @param env the environment
   * @param used the variable names that override a key, or that a {@code ${NAME}} reference reads
   * @param problems where problems go
   */
  void checkEnvironment(Map<String, String> env, Set<String> used, List<String> problems) {
    Map<String, String> known = new LinkedHashMap<>(); // VITALS_X -> vitals.x
    for (String k : candidates()) {
      known.putIfAbsent(ConfigReads.envName(k), k);
    }
    for (String n : new TreeSet<>(env.keySet())) {
      if (!n.startsWith("VITALS_") || used.contains(n) || n.equals("VITALS_TOKEN")) {
        continue;
      }
      String best = closestVariable(n, known.keySet());
      if (best != null) {
        problems.add("the environment variable " + n + " sets no key Vitals reads: did you mean " + best + " (which sets "
            + known.get(best) + ")?");
      } else {
        String section = closestVariableSection(n);
        problems.add("the environment variable " + n + " sets no key Vitals reads: a VITALS_ variable overrides a key"
            + " (VITALS_PROBES_DB_URL sets vitals.probes.db.url), and a key under a section with names, such as"
            + " vitals.notifiers.ops.url, must be in the configuration or its entry declared with a VITALS_<SECTION>_<NAME>_TYPE"
            + " variable" + (section == null ? "" : "; did you mean a variable starting with " + section + "?"));
      }
    }
  }

  private static String closestVariable(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(name, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best != null && close(name, best, bestDistance) ? best : null;
  }

  /** VITALS_PROBE_X_TYPE -> VITALS_PROBES_, when the second token is close to a section. */
  private String closestVariableSection(String name) {
    String[] tokens = name.split("_");
    if (tokens.length < 3) {
      return null;
    }
    String s = closestSection(tokens[1].toLowerCase(Locale.ROOT));
    return s == null || s.equals(tokens[1].toLowerCase(Locale.ROOT)) ? null
        : "VITALS_" + ConfigReads.envName(s) + "_";
  }

  /** The Levenshtein distance between two texts. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
