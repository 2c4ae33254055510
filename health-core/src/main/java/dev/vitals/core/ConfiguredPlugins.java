package dev.vitals.core;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Redaction;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.NotifierRouting;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Probes and notifiers declared in configuration ({@code vitals.probes.NAME.type},
 * {@code vitals.notifiers.NAME.type}), built by the factory of their type. Both follow the same rules,
 * kept here once: a valid name, {@code enabled}, a known type, only known keys. A notifier also gets its
 * routing ({@link Routing}): its type's default, overridden by its own keys. Loaded only when keys
 * declare either (start-up rules: package doc).
 */
final class ConfiguredPlugins {

  /** The bounds of a notifier's {@code backoff}. */
  static final Duration MIN_BACKOFF = Duration.ofMillis(1);
  static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private ConfiguredPlugins() {}

  /**
   * The notifier types: those registered in code, then those found with {@link java.util.ServiceLoader}
   * (code wins for a type given twice).
   *
   * @param given notifier factories registered in code
   * @param loader where {@link java.util.ServiceLoader} looks for more
   * @param loadProblems where broken providers are reported
   * @return the factories by type
   */
  static Map<String, NotifierFactory> notifierFactories(List<NotifierFactory> given, ClassLoader loader,
      List<String> loadProblems) {
    Map<String, NotifierFactory> factories = new TreeMap<>();
    for (NotifierFactory f : given) {
      factories.putIfAbsent(f.type(), f);
    }
    for (NotifierFactory f : Plugins.load(NotifierFactory.class, loader, loadProblems)) {
      factories.putIfAbsent(f.type(), f);
    }
    return factories;
  }

  /**
   * Builds the probes declared in configuration, in name order.
   *
   * @param all every setting
   * @param names the declared names (probes registered in code excluded)
   * @param factories probe factories by type
   * @param nameBudgets budgets by name, for probes whose type suggests none
   * @param built where built probes go
   * @param settings where their settings go, in the same order
   * @param problems where problems go
   */
  static void probes(Config all, Set<String> names, Map<String, ProbeFactory> factories, NameBudgets nameBudgets,
      List<Probe> built, List<ProbeSettings> settings, List<String> problems) {
    for (String name : names) {
      Config scoped = all.scoped("vitals.probes." + name + ".");
      ProbeFactory factory = declared("probe", name, scoped, factories, "probes-jdbc for jdbc", problems);
      if (factory == null) {
        continue;
      }
      // every mistake at once: the common keys are judged whether or not the type can build the probe,
      // and the type sees a valid interval and timeout (the defaults in place of bad ones) so that it
      // reports its own keys too
      List<String> common = new ArrayList<>();
      ProbeSettings.resolveInto(Probe.of(name, factory.type(), ProbeResult::up), scoped, nameBudgets, new ArrayList<>(),
          new ArrayList<>(), common);
      boolean badTiming = false;
      for (String p : common) {
        badTiming |= p.startsWith(scoped.fullKey("interval")) || p.startsWith(scoped.fullKey("timeout"))
            || p.startsWith("the default");
      }
      Config forType = badTiming ? without(scoped, "interval", "timeout") : scoped;
      List<String> own = new ArrayList<>();
      Probe probe = null;
      try {
        probe = factory.create(ProbeConfig.of(name, forType));
        if (probe == null || !name.equals(probe.name())) {
          own.add("probe type '" + factory.type() + "' built a probe named "
              + (probe == null ? "null" : "'" + probe.name() + "'") + " for vitals.probes." + name);
          probe = null;
        }
      } catch (ConfigException e) {
        own.addAll(e.problems());
      } catch (RuntimeException e) {
        own.add("vitals.probes." + name + ": probe type '" + factory.type() + "' failed to build it: "
            + Redaction.redact(String.valueOf(e.getMessage())));
      }
      if (probe != null && !badTiming) {
        // judged with the probe's own defaults (its budget, kinds ...), not the stand-in's
        ProbeSettings.resolveInto(probe, scoped, nameBudgets, built, settings, problems);
      } else {
        problems.addAll(common);
        for (String p : own) {
          if (!common.contains(p)) {
            problems.add(p);
          }
        }
        if (probe instanceof AutoCloseable) {
          try {
            ((AutoCloseable) probe).close();
          } catch (Exception e) {
            // it never ran; nothing to report beyond the configuration's problems
          }
        }
      }
    }
  }

  /** A probe's configuration without some keys, still naming keys in full. */
  private static Config without(Config scoped, String... keys) {
    String prefix = scoped.fullKey("");
    Map<String, String> m = new TreeMap<>();
    for (String k : scoped.keys()) {
      m.put(prefix + k, scoped.get(k).orElse(""));
    }
    for (String k : keys) {
      m.remove(prefix + k);
    }
    return Config.of(m).scoped(prefix);
  }

  /**
   * Builds the notifiers declared in configuration, in name order.
   *
   * @param all every setting
   * @param factories notifier factories by type
   * @param problems where configuration problems go
   * @return the notifiers with their routing and delivery settings
   */
  static List<NotifierSpec> notifiers(Config all, Map<String, NotifierFactory> factories, List<String> problems) {
    Set<String> names = ConfigReads.names(all.keys(), "vitals.notifiers.");
    if (names.isEmpty()) {
      return List.of();
    }
    List<NotifierSpec> out = new ArrayList<>();
    for (String name : names) {
      Config scoped = all.scoped("vitals.notifiers." + name + ".");
      NotifierFactory factory = declared("notifier", name, scoped, factories, "notifier-slack for slack", problems);
      if (factory == null) {
        continue;
      }
      int queue = ConfigReads.integer(problems, scoped, "queue", 256, 1, 100_000);
      int retries = ConfigReads.integer(problems, scoped, "retries", 3, 0, 20);
      Duration backoff = ConfigReads.duration(problems, scoped, "backoff", Duration.ofSeconds(1));
      if (backoff.compareTo(MIN_BACKOFF) < 0 || backoff.compareTo(MAX_BACKOFF) > 0) {
        problems.add(ConfigException.describe(scoped.fullKey("backoff"), scoped.get("backoff").orElse(""),
            "a duration from " + Config.formatDuration(MIN_BACKOFF) + " to " + Config.formatDuration(MAX_BACKOFF)));
      }
      Routing routing = routing(factory, scoped, problems);
      try {
        Notifier n = factory.create(NotifierConfig.of(name, scoped));
        out.add(new NotifierSpec(n, routing, queue, retries, backoff));
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      } catch (RuntimeException e) {
        problems.add("vitals.notifiers." + name + ": notifier type '" + factory.type() + "' failed to build it: "
            + Redaction.redact(String.valueOf(e.getMessage())));
      }
    }
    return out;
  }

  /**
   * A notifier's routing: its type's default, overridden by its {@code severities}, {@code rules} and
   * {@code subjects} keys. A type whose default cannot be read is a problem, like one that fails to build.
   */
  private static Routing routing(NotifierFactory factory, Config scoped, List<String> problems) {
    NotifierRouting defaults;
    try {
      defaults = factory.defaultRouting();
    } catch (RuntimeException e) {
      problems.add(scoped.fullKey("type") + ": notifier type '" + factory.type() + "' failed to give its default "
          + "routing: " + Redaction.redact(String.valueOf(e.getMessage())));
      return Routing.all();
    }
    if (defaults == null) {
      problems.add(scoped.fullKey("type") + ": notifier type '" + factory.type() + "' gave no default routing (null)");
      return Routing.all();
    }
    return Routing.from(defaults, factory.type(), scoped, problems);
  }

  /**
   * The factory of a declared plugin, or null when the plugin is not to be built: its name is not
   * allowed, its type is missing or unknown (each a problem), or it is disabled.
   */
  private static <F> F declared(String kind, String name, Config scoped, Map<String, F> factories, String example,
      List<String> problems) {
    if (!ProbeSettings.validName(name)) {
      problems.add("vitals." + kind + "s." + name + ": " + kind + " name '" + name + "' is not allowed: expected "
          + ProbeSettings.NAME_RULE);
      return null;
    }
    if (!ConfigReads.bool(problems, scoped, "enabled", true)) {
      return null;
    }
    Optional<String> type = scoped.get("type");
    if (type.isEmpty()) {
      problems.add(scoped.fullKey("type") + " is missing: expected one of " + factories.keySet());
      return null;
    }
    F factory = factories.get(type.get());
    if (factory == null) {
      problems.add(ConfigException.describe(scoped.fullKey("type"), type.get(), "one of " + factories.keySet()
          + " (a type is provided by a module on the class path, such as " + example + ")"));
    }
    return factory;
  }
}
