package dev.vitals.core;

import dev.vitals.api.Probe;
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
 * routing ({@link Routing}): its type's default, overridden by its own keys. A monitor whose
 * configuration declares neither never loads this class.
 */
final class ConfiguredPlugins {

  private ConfiguredPlugins() {}

  /**
   * Builds the probes declared in configuration, in name order.
   *
   * @param all every setting
   * @param names the declared names (probes registered in code excluded)
   * @param factories probe factories by type
   * @param built where built probes go
   * @param settings where their settings go, in the same order
   * @param problems where problems go
   */
  static void probes(Config all, Set<String> names, Map<String, ProbeFactory> factories, List<Probe> built,
      List<ProbeSettings> settings, List<String> problems) {
    for (String name : names) {
      Config scoped = all.scoped("vitals.probes." + name + ".");
      ProbeFactory factory = declared("probe", name, scoped, factories, "probes-jdbc for jdbc", problems);
      if (factory == null) {
        continue;
      }
      Settings.checkKeys(scoped, ProbeSettings.COMMON_KEYS, factory.keys(), problems);
      try {
        Probe probe = factory.create(ProbeConfig.of(name, scoped));
        if (probe == null || !name.equals(probe.name())) {
          problems.add("probe type '" + factory.type() + "' built a probe named "
              + (probe == null ? "null" : "'" + probe.name() + "'") + " for vitals.probes." + name);
          continue;
        }
        ProbeSettings.resolveInto(probe, scoped, built, settings, problems);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      } catch (RuntimeException e) {
        problems.add("vitals.probes." + name + ": probe type '" + factory.type() + "' failed to build it: "
            + Redaction.redact(String.valueOf(e.getMessage())));
      }
    }
  }

  /**
   * Builds the notifiers declared in configuration, in name order.
   *
   * @param all every setting
   * @param given notifier factories registered in code; they win over discovered ones of the same type
   * @param loader where {@link java.util.ServiceLoader} looks for more
   * @param loadProblems where broken providers are reported
   * @param problems where configuration problems go
   * @return the notifiers with their routing and delivery settings
   */
  static List<NotifierSpec> notifiers(Config all, List<NotifierFactory> given, ClassLoader loader,
      List<String> loadProblems, List<String> problems) {
    Set<String> names = Settings.names(all.keys(), "vitals.notifiers.");
    if (names.isEmpty()) {
      return List.of();
    }
    Map<String, NotifierFactory> factories = new TreeMap<>();
    for (NotifierFactory f : given) {
      factories.putIfAbsent(f.type(), f);
    }
    for (NotifierFactory f : Plugins.load(NotifierFactory.class, loader, loadProblems)) {
      factories.putIfAbsent(f.type(), f);
    }
    List<NotifierSpec> out = new ArrayList<>();
    for (String name : names) {
      Config scoped = all.scoped("vitals.notifiers." + name + ".");
      NotifierFactory factory = declared("notifier", name, scoped, factories, "notifier-slack for slack", problems);
      if (factory == null) {
        continue;
      }
      Settings.checkKeys(scoped, NotifierSpec.COMMON_KEYS, factory.keys(), problems);
      int queue = Settings.integer(problems, scoped, "queue", 256, 1, 100_000);
      int retries = Settings.integer(problems, scoped, "retries", 3, 0, 20);
      Duration backoff = Settings.duration(problems, scoped, "backoff", Duration.ofSeconds(1));
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
    if (!Settings.bool(problems, scoped, "enabled", true)) {
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
