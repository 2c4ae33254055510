package dev.vitals.spring.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Reads every {@code vitals.*} key from Spring's {@code Environment}: the names from every enumerable property
 * source (application.properties and yaml, profiles, command line, config server ...), each name once, its value
 * through the Environment (so the source of highest precedence wins and {@code ${...}} placeholders are
 * resolved). A yaml list ({@code kinds: [liveness, readiness]}, keys {@code kinds[0]}, {@code kinds[1]}) becomes
 * one comma-separated value. A placeholder Spring cannot resolve is passed on as written, so that Vitals reads
 * {@code ${NAME}} from the process environment itself or names the key in its error.
 */
final class EnvironmentSettings {

  static final String PREFIX = "vitals.";

  private EnvironmentSettings() {}

  static Map<String, String> read(ConfigurableEnvironment env) {
    Set<String> names = new LinkedHashSet<>();
    for (PropertySource<?> source : env.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> e) {
        for (String n : e.getPropertyNames()) {
          if (n.startsWith(PREFIX)) {
            names.add(n);
          }
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, TreeMap<Integer, String>> lists = new LinkedHashMap<>();
    for (String n : names) {
      String value = value(env, n);
      if (value == null) {
        continue;
      }
      int open = n.lastIndexOf('[');
      if (open > 0 && n.endsWith("]")) {
        try {
          int index = Integer.parseInt(n.substring(open + 1, n.length() - 1));
          lists.computeIfAbsent(n.substring(0, open), k -> new TreeMap<>()).put(index, value);
          continue;
        } catch (NumberFormatException notAnIndex) {
          // not a list element: passed on as it is, and refused as an unknown key
        }
      }
      out.put(n, value);
    }
    for (Map.Entry<String, TreeMap<Integer, String>> e : lists.entrySet()) {
      if (!out.containsKey(e.getKey())) {
        out.put(e.getKey(), String.join(",", new ArrayList<>(e.getValue().values())));
      }
    }
    return out;
  }

  private static String value(ConfigurableEnvironment env, String name) {
    try {
      return env.getProperty(name);
    } catch (IllegalArgumentException unresolvable) {
      for (PropertySource<?> source : env.getPropertySources()) {
        Object raw = source.getProperty(name);
        if (raw != null) {
          return String.valueOf(raw);
        }
      }
      return null;
    }
  }

  static List<String> configuredProbes(Map<String, String> settings) {
    List<String> out = new ArrayList<>();
    for (String k : settings.keySet()) {
      if (k.startsWith("vitals.probes.") && k.endsWith(".type")) {
        String name = k.substring("vitals.probes.".length(), k.length() - ".type".length());
        if (!name.contains(".")) {
          out.add(name);
        }
      }
    }
    return out;
  }
}
