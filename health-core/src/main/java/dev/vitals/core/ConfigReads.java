package dev.vitals.core;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads configuration for {@link ConfigResolution}: environment overrides ({@code VITALS_PROBES_DB_URL}
 * overrides {@code vitals.probes.db.url}), {@code ${NAME}} / {@code ${NAME:-default}} references to
 * environment variables, and typed reads that collect every problem instead of stopping at the first.
 * (Core's own; notifier-http-support's {@code Settings} reads what HTTP notifiers share.)
 */
final class ConfigReads {

  /** Compiled on first use, only for a value with a {@code ${...}} reference (start-up rules: package doc). */
  private static final class Reference {
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private Reference() {}
  }

  private ConfigReads() {}

  /**
   * The environment variable name for a key.
   *
   * @param key for example {@code vitals.probes.db.failure-threshold}
   * @return {@code VITALS_PROBES_DB_FAILURE_THRESHOLD}
   */
  /**
   * Whether any variable could override a key: every key's variable name starts with {@code VITALS_}.
   *
   * @param env the environment
   * @return true when a name starts with {@code VITALS_}
   */
  static boolean hasVitalsVariable(Map<String, String> env) {
    for (String n : env.keySet()) {
      if (n.startsWith("VITALS_")) {
        return true;
      }
    }
    return false;
  }

  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Applies environment overrides and resolves references.
   *
   * @param given keys from the builder and properties
   * @param env the environment
   * @param candidates further keys an environment variable may set although the file does not name them
   * @param problems where problems are added
   * @return the resolved settings, sorted
   */
  static Map<String, String> resolve(Map<String, String> given, Map<String, String> env,
      Collection<String> candidates, List<String> problems) {
    Map<String, String> out = new TreeMap<>(given);
    if (hasVitalsVariable(env)) {
      Map<String, String> byEnvName = new HashMap<>();
      for (String k : given.keySet()) {
        byEnvName.put(envName(k), k);
      }
      for (String k : candidates) {
        byEnvName.putIfAbsent(envName(k), k);
      }
      for (Map.Entry<String, String> e : env.entrySet()) {
        String key = byEnvName.get(e.getKey());
        if (key != null) {
          out.put(key, e.getValue());
        }
      }
    }
    Map<String, String> resolved = new TreeMap<>();
    for (Map.Entry<String, String> e : out.entrySet()) {
      String value = substitute(e.getKey(), e.getValue(), env, problems);
      if (value != null) {
        resolved.put(e.getKey(), value);
      }
    }
    return resolved;
  }

  private static String substitute(String key, String value, Map<String, String> env, List<String> problems) {
    if (value == null || value.indexOf("${") < 0) {
      return value;
    }
    Matcher m = Reference.REFERENCE.matcher(value);
    StringBuilder sb = new StringBuilder();
    List<String> missing = new ArrayList<>();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) {
        v = m.group(2);
      }
      if (v == null) {
        missing.add(m.group(1));
        v = "";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    if (!missing.isEmpty()) {
      problems.add(key + " refers to the environment variable" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + ", which " + (missing.size() > 1 ? "are" : "is")
          + " not set: set it, or give a default as ${NAME:-default}");
      return null;
    }
    return sb.toString();
  }

  /**
   * Fails with every problem found.
   *
   * @param problems the problems
   * @throws ConfigException when there is at least one
   */
  static void check(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /**
   * Runs a validation, adding its {@link ConfigException} to the problems instead of throwing.
   *
   * @param problems where problems are added
   * @param validation the validation
   */
  static void collect(List<String> problems, Runnable validation) {
    try {
      validation.run();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  // Typed reads that add a bad value's ConfigException to the problems and return the fallback, like
  // collect() but without a lambda per call site (start-up rules: package doc).

  static java.time.Duration duration(List<String> problems, Config config, String key, java.time.Duration fallback) {
    try {
      return config.duration(key, fallback);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return fallback;
    }
  }

  static java.time.Duration durationOrNull(List<String> problems, Config config, String key) {
    try {
      return config.duration(key).orElse(null);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  static boolean bool(List<String> problems, Config config, String key, boolean fallback) {
    try {
      return config.bool(key, fallback);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return fallback;
    }
  }

  static int integer(List<String> problems, Config config, String key, int fallback, int min, int max) {
    try {
      return config.integer(key, fallback, min, max);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return fallback;
    }
  }

  static void number(List<String> problems, Config config, String key, double fallback, double min, double max) {
    try {
      config.number(key, fallback, min, max);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  /**
   * The names of the entries under a prefix: {@code db} and {@code cache} for
   * {@code vitals.probes.db.url} and {@code vitals.probes.cache.type} under {@code vitals.probes.}.
   *
   * @param keys the keys to look at
   * @param prefix for example {@code vitals.probes.}
   * @return the names, sorted
   */
  /**
   * The names of entries declared entirely in the environment: {@code cache} for
   * {@code VITALS_PROBES_CACHE_TYPE} in the section {@code PROBES}.
   *
   * @param env the environment
   * @param section the section's variable part, such as {@code PROBES} or {@code NOTIFIERS}
   * @return the names, lower case, with '-' for '_'
   */
  static Set<String> declaredInEnvironment(Map<String, String> env, String section) {
    String prefix = "VITALS_" + section + "_";
    Set<String> names = new java.util.TreeSet<>();
    for (String n : env.keySet()) {
      if (n.startsWith(prefix) && n.endsWith("_TYPE") && n.length() > prefix.length() + "_TYPE".length()) {
        names.add(n.substring(prefix.length(), n.length() - "_TYPE".length()).toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    }
    return names;
  }

  /**
   * The environment variables that values refer to with {@code ${NAME}}.
   *
   * @param values configuration values
   * @return the names referred to
   */
  static Set<String> references(Collection<String> values) {
    Set<String> out = new java.util.HashSet<>();
    for (String v : values) {
      if (v != null && v.contains("${")) {
        Matcher m = Reference.REFERENCE.matcher(v);
        while (m.find()) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  /**
   * Checks what a properties file gave: at least one {@code vitals.*} key (an empty configuration is
   * allowed only in code), and no key without the {@code vitals.} prefix (nothing else reads the file).
   *
   * @param file the file
   * @param keys its keys
   * @param known what Vitals reads, for a suggestion
   * @param problems where problems go
   */
  static void checkFile(java.nio.file.Path file, Set<String> keys, KnownKeys known, List<String> problems) {
    boolean any = false;
    for (String k : new java.util.TreeSet<>(keys)) {
      if (k.startsWith("vitals.")) {
        any = true;
      } else {
        String withPrefix = "vitals." + k;
        problems.add(k + " (in " + file + ") is not a Vitals key: every key starts with vitals."
            + (known.problem(withPrefix) == null ? " (did you mean " + withPrefix + "?)" : ""));
      }
    }
    if (!any && keys.isEmpty()) {
      problems.add(file + " configures nothing: a configuration file needs at least one vitals.* key (a monitor"
          + " without configuration is built in code, without a file)");
    }
  }

  static java.util.SortedSet<String> names(Iterable<String> keys, String prefix) {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (String k : keys) {
      if (k.startsWith(prefix)) {
        int dot = k.indexOf('.', prefix.length());
        if (dot > prefix.length()) {
          names.add(k.substring(prefix.length(), dot));
        }
      }
    }
    return names;
  }

  /**
   * Parses a comma-separated list, trimming items and dropping blanks.
   *
   * @param text the text
   * @return the items
   */
  static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        items.add(s.trim());
      }
    }
    return items;
  }
}
