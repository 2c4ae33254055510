package dev.vitals.core;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Probe;
import dev.vitals.api.Secrets;
import dev.vitals.api.spi.AlertRuleSettings;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.ProbeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@link HealthMonitor.Builder#build()} does: turns the builder's inputs (code probes, keys,
 * properties files, the environment, plugin factories) into a checked configuration and the parts it
 * declares. One instance per {@code build()}; its stages run in order:
 *
 * <ol>
 *   <li>{@link #discover()}: the plugin types, found with {@link java.util.ServiceLoader} only when a key
 *       needs them (probe types for {@code vitals.probes.*}, notifier types for {@code vitals.notifiers.*});
 *   <li>{@link #declareKeys()}: every part declares the keys it reads ({@link KnownKeys});
 *   <li>{@link #applyEnvironment()}: environment overrides and {@code ${NAME}} references;
 *   <li>{@link #checkKeys()}: unknown keys, files, the engine's own values, trackers;
 *   <li>{@link #buildProbes()}: code probes with their settings, then configured ones by their type;
 *   <li>{@link #buildAlerting()}: alert rules, maintenance windows, SLOs, notifiers;
 *   <li>{@link #validateExporters()}: each exporter checks its own keys.
 * </ol>
 *
 * Every mistake of every stage is collected, and {@link #resolve(HealthMonitor.Builder)} throws them at
 * once. Start-up rules (no lambda, no regex, load only what keys need): see the package documentation.
 */
final class ConfigResolution {

  /** The report's problem for a monitor without probes (allowed in code: a service may only track operations). */
  static final String NO_PROBES = "no probes: none is registered in code (builder().probe(...)) or configured"
      + " (vitals.probes.<name>.type); the status covers trackers only";

  private final HealthMonitor.Builder in;
  private final Map<String, String> env;
  /** Configuration mistakes: build() fails with them. */
  private final List<String> problems = new ArrayList<>();
  /** Broken plugins and the like: the monitor starts and reports them. */
  private final List<String> loadProblems = new ArrayList<>();

  private final Map<String, ProbeFactory> probeTypes = new TreeMap<>();
  private Map<String, NotifierFactory> notifierTypes = Map.of();
  private final Set<String> codeNames = new LinkedHashSet<>();
  private final Set<String> probeNames = new LinkedHashSet<>();
  private final Set<String> notifierNames = new LinkedHashSet<>();
  /** Created when there is configuration to check (a monitor without any never loads KnownKeys). */
  private KnownKeys known;
  private Set<String> probeKeys;
  private Set<String> notifierKeys;
  private Set<String> trackerNames;
  private Set<String> configuredProbes = Set.of();
  /** Budgets by name (vitals.budgets), for custom probes and trackers. */
  NameBudgets nameBudgets = NameBudgets.DEFAULT;

  /** The resolved configuration, environment applied, refused keys included (what {@code config()} shows). */
  Map<String, String> resolved;
  /** The resolved configuration without refused keys. */
  private Config all;

  /** The exporter factories, one per name, found once. */
  List<ExporterFactory> exporters;
  final List<Probe> probes = new ArrayList<>();
  final List<ProbeSettings> probeSettings = new ArrayList<>();
  AlertRuleSettings alertRules;
  /** Null when no maintenance window is configured. */
  Maintenance maintenance;
  List<Slo> slos = List.of();
  List<NotifierSpec> notifiers = List.of();
  /** Store types by name, found only when a {@code vitals.history.} key is set. */
  private final Map<String, dev.vitals.api.spi.HistoryStoreFactory> historyTypes = new TreeMap<>();
  /** Null without a history store. */
  HistorySettings history;

  private ConfigResolution(HealthMonitor.Builder in) {
    this.in = in;
    this.env = in.environment != null ? in.environment : System.getenv();
  }

  /**
   * Runs every stage.
   *
   * @param in the builder's inputs, read only
   * @return the resolution
   * @throws ConfigException listing every bad key with its value and what is allowed
   */
  static ConfigResolution resolve(HealthMonitor.Builder in) {
    ConfigResolution r = new ConfigResolution(in);
    r.discover();
    if (r.nothingConfigured()) {
      r.resolveNothing();
    } else {
      r.declareKeys();
      r.applyEnvironment();
      r.checkKeys();
    }
    r.buildProbes();
    r.buildAlerting();
    r.buildHistory();
    r.validateExporters();
    if (!r.problems.isEmpty()) {
      for (NotifierSpec n : r.notifiers) {
        n.notifier.close();
      }
    }
    ConfigReads.check(r.problems);
    return r;
  }

  /** The problems the started monitor reports: broken plugins, and a monitor without probes. */
  List<String> reportProblems() {
    List<String> out = new CopyOnWriteArrayList<>(loadProblems);
    if (probes.isEmpty()) {
      out.add(configuredProbes.isEmpty() ? NO_PROBES : "no probes: every configured probe is disabled ("
          + configuredProbes.iterator().next() + (configuredProbes.size() > 1 ? " ..." : "")
          + "); the status covers trackers only");
    }
    return out;
  }

  private void discover() {
    for (ProbeFactory f : in.probeFactories) {
      probeTypes.putIfAbsent(f.type(), f);
    }
    // without a key under vitals.probes (or a VITALS_PROBES_ variable) the ServiceLoader scan, and the
    // loading of every provider on the class path, is skipped; the same for notifiers
    if (anyKeyStartsWith(in.config.keySet(), "vitals.probes.") || anyKeyStartsWith(env.keySet(), "VITALS_PROBES_")) {
      for (ProbeFactory f : Plugins.load(ProbeFactory.class, in.classLoader, loadProblems)) {
        ProbeFactory previous = probeTypes.putIfAbsent(f.type(), f);
        if (previous != null && previous.getClass() != f.getClass()) {
          loadProblems.add("two providers of probe type '" + f.type() + "': using "
              + previous.getClass().getName() + ", ignoring " + f.getClass().getName());
        }
      }
    }
    if (anyKeyStartsWith(in.config.keySet(), "vitals.notifiers.") || anyKeyStartsWith(env.keySet(), "VITALS_NOTIFIERS_")) {
      notifierTypes = ConfiguredPlugins.notifierFactories(in.notifierFactories, in.classLoader, loadProblems);
    }
    exporters = ExporterHost.factories(in.exporterFactories, in.discovery, in.classLoader, loadProblems);
    if (anyKeyStartsWith(in.config.keySet(), "vitals.history.") || anyKeyStartsWith(env.keySet(), "VITALS_HISTORY_")) {
      historyTypes.putAll(HistoryStores.types(in.classLoader, loadProblems));
    }
  }

  /** No key, no properties file, no VITALS_ variable: nothing to declare, resolve or check. */
  private boolean nothingConfigured() {
    return in.config.isEmpty() && in.files.isEmpty() && !ConfigReads.hasVitalsVariable(env);
  }

  /** The stages' results for a monitor configured only in code. */
  private void resolveNothing() {
    for (Probe p : in.probes) {
      codeNames.add(p.name());
    }
    resolved = new TreeMap<>();
    trackerNames = Set.of();
    all = Config.of(Map.of());
  }

  /** Every part declares what it reads: the engine its sections, plugin types and exporters their keys. */
  private void declareKeys() {
    known = new KnownKeys();
    for (Probe p : in.probes) {
      codeNames.add(p.name());
    }
    probeNames.addAll(codeNames);
    probeNames.addAll(ConfigReads.names(in.config.keySet(), "vitals.probes."));
    probeNames.addAll(ConfigReads.declaredInEnvironment(env, "PROBES"));
    notifierNames.addAll(ConfigReads.names(in.config.keySet(), "vitals.notifiers."));
    notifierNames.addAll(ConfigReads.declaredInEnvironment(env, "NOTIFIERS"));

    known.exporterDiscovery(in.discovery);
    probeKeys = new TreeSet<>(ProbeSettings.COMMON_KEYS);
    for (ProbeFactory f : probeTypes.values()) {
      probeKeys.addAll(f.keys());
    }
    known.section("probes", probeKeys);
    notifierKeys = new TreeSet<>(KnownKeys.NOTIFIER_COMMON_KEYS);
    for (NotifierFactory f : notifierTypes.values()) {
      notifierKeys.addAll(f.keys());
    }
    known.section("notifiers", notifierKeys);
    for (ExporterFactory f : exporters) {
      known.claim(ExporterHost.keys(f, loadProblems));
    }
    known.claim(HistorySettings.KEYS);
    known.claim(SUMMARY_KEYS);
    for (dev.vitals.api.spi.HistoryStoreFactory f : historyTypes.values()) {
      known.claim(f.keys());
    }
    for (String n : probeNames) {
      known.entry("probes", n, codeNames.contains(n) ? ProbeSettings.COMMON_KEYS : probeKeys);
    }
    for (String n : notifierNames) {
      known.entry("notifiers", n, notifierKeys);
    }
    for (String section : List.of("slos", "maintenance", "trackers", "budgets")) {
      for (String n : ConfigReads.names(in.config.keySet(), "vitals." + section + ".")) {
        known.entry(section, n, null);
      }
    }
  }

  /** Environment overrides of every key some part reads, and references; unclaimed VITALS_ variables. */
  private void applyEnvironment() {
    List<String> candidates = known.candidates();
    resolved = ConfigReads.resolve(in.config, env, candidates, problems);
    if (ConfigReads.hasVitalsVariable(env)) {
      Set<String> used = new HashSet<>();
      for (String k : in.config.keySet()) {
        used.add(ConfigReads.envName(k));
      }
      for (String k : candidates) {
        used.add(ConfigReads.envName(k));
      }
      used.addAll(ConfigReads.references(in.config.values()));
      known.checkEnvironment(env, used, problems);
    }
  }

  /** The entries as they really are, now that types are known; then every key and the engine's values. */
  private void checkKeys() {
    for (String n : ConfigReads.names(resolved.keySet(), "vitals.probes.")) {
      Set<String> keys = null; // a bad name or an unknown type is reported on its own, not its keys
      if (codeNames.contains(n)) {
        keys = ProbeSettings.COMMON_KEYS;
      } else if (ProbeSettings.validName(n)) {
        ProbeFactory f = probeTypes.get(resolved.getOrDefault("vitals.probes." + n + ".type", ""));
        if (f != null) {
          keys = union(ProbeSettings.COMMON_KEYS, f.keys());
        }
      }
      known.entry("probes", n, keys);
    }
    for (String n : ConfigReads.names(resolved.keySet(), "vitals.notifiers.")) {
      NotifierFactory f = ProbeSettings.validName(n)
          ? notifierTypes.get(resolved.getOrDefault("vitals.notifiers." + n + ".type", "")) : null;
      known.entry("notifiers", n, f == null ? null : union(KnownKeys.NOTIFIER_COMMON_KEYS, f.keys()));
    }
    for (String n : ConfigReads.names(resolved.keySet(), "vitals.slos.")) {
      known.entry("slos", n, ProbeSettings.validName(n) ? Slo.KEYS : null);
    }
    for (String n : ConfigReads.names(resolved.keySet(), "vitals.maintenance.")) {
      known.entry("maintenance", n, Maintenance.KEYS);
    }
    for (String n : ConfigReads.names(resolved.keySet(), "vitals.budgets.")) {
      known.entry("budgets", n, NameBudgets.KEYS);
    }
    trackerNames = ConfigReads.names(resolved.keySet(), "vitals.trackers.");
    for (String n : trackerNames) {
      known.entry("trackers", n, KnownKeys.TRACKER_KEYS);
    }
    Set<String> refused = known.check(resolved.keySet(), problems);
    for (Map.Entry<Path, Set<String>> f : in.files.entrySet()) {
      ConfigReads.checkFile(f.getKey(), f.getValue(), known, problems);
    }
    Map<String, String> checked = new TreeMap<>(resolved);
    checked.keySet().removeAll(refused);
    all = Config.of(checked);

    ConfigReads.integer(problems, all, "vitals.trackers.max", in.maxTrackers, 1, 100_000);
    ConfigReads.number(problems, all, "vitals.jitter", in.jitter, 0.0, 0.5);
    MonitorThreads.checkEngineThreads(all, problems);
    ConfigReads.number(problems, all, "vitals.baseline.tolerance", 0.2, 0.0, 10.0);
    if (anyKeyStartsWith(all.keys(), "vitals.budgets.")) {
      nameBudgets = NameBudgets.from(all, problems);
    }
    for (String n : trackerNames) {
      if (!ProbeSettings.validName(n)) {
        problems.add("vitals.trackers." + n + ": tracker name '" + n + "' is not allowed: expected "
            + ProbeSettings.NAME_RULE);
      } else {
        ProbeSettings.budget(all.scoped("vitals.trackers." + n + "."), nameBudgets.forName(n), " of trackers",
            problems);
      }
    }
  }

  /** Code probes with their settings, then the configured ones built by their type; then secrets. */
  private void buildProbes() {
    for (Probe p : in.probes) {
      Config scoped = all.scoped("vitals.probes." + p.name() + ".");
      if (scoped.get("type").isPresent()) {
        problems.add(ConfigException.describe(scoped.fullKey("type"), scoped.get("type").get(),
            "no type for a probe registered in code (it is '" + p.type() + "')"));
      }
      ProbeSettings.resolveInto(p, scoped, nameBudgets, probes, probeSettings, problems);
    }
    Set<String> declared = new TreeSet<>(ConfigReads.names(all.keys(), "vitals.probes."));
    declared.removeAll(codeNames);
    configuredProbes = declared;
    if (!declared.isEmpty()) {
      ConfiguredPlugins.probes(all, declared, probeTypes, nameBudgets, probes, probeSettings, problems);
    }
    if (!all.keys().isEmpty()) { // without configuration there is no configured secret (Secrets is not even loaded)
      Secrets secrets = Secrets.of(all); // scrubbed from every result
      for (int i = 0; i < probeSettings.size(); i++) {
        probeSettings.set(i, probeSettings.get(i).withSecrets(secrets));
      }
    }
  }

  /** Alert rules; maintenance windows, SLOs and notifiers only when keys name them (their classes load then). */
  private void buildAlerting() {
    alertRules = AlertRuleSettings.from(all, problems);
    if (anyKeyStartsWith(all.keys(), "vitals.maintenance.")) {
      maintenance = Maintenance.from(all, problems);
    }
    if (anyKeyStartsWith(all.keys(), "vitals.slos.")) {
      slos = Slo.from(all, problems, in.clock.nanoTime() - HistoryKeeper.PAST_NANOS); // room for stored history
    }
    if (anyKeyStartsWith(all.keys(), "vitals.notifiers.")) {
      notifiers = ConfiguredPlugins.notifiers(all, notifierTypes, problems);
    }
  }

  /** The history store: given in code, or from {@code vitals.history.*}. */
  private void buildHistory() {
    if (in.historyStore != null) {
      history = HistorySettings.ofStore(in.historyStore, all, problems);
    } else if (anyKeyStartsWith(all.keys(), "vitals.history.")) {
      history = HistorySettings.from(all, historyTypes, problems);
    }
    if (history == null && anyKeyStartsWith(all.keys(), "vitals.summary.")) {
      problems.add("vitals.summary.* is set but no history store is: a summary is made from history; set"
          + " vitals.history.dir (the embedded file store) or vitals.history.type");
    } else if (history != null && anyKeyStartsWith(all.keys(), "vitals.summary.")) {
      Map<String, dev.vitals.api.spi.Notifier> byName = new java.util.LinkedHashMap<>();
      for (NotifierSpec n : notifiers) {
        byName.put(n.notifier.name(), n.notifier);
      }
      summaries = SummarySettings.parse(all, byName, problems);
    }
  }

  /** Null without {@code vitals.summary.time}. */
  SummarySettings summaries;

  /** The summary's keys (read with the history: a summary is made from it). */
  static final List<String> SUMMARY_KEYS = List.of("vitals.summary.time", "vitals.summary.zone",
      "vitals.summary.notifiers", "vitals.summary.weekly");

  private void validateExporters() {
    for (ExporterFactory f : exporters) {
      ExporterHost.validate(f, all, problems, loadProblems);
    }
  }

  /**
   * A tracker's latency budget from {@code vitals.trackers.NAME.budget.*} over its budget by name,
   * resolved when the tracker is first used (a class, not a lambda: start-up rules, package doc).
   */
  static final class TrackerBudgets implements java.util.function.Function<String, LatencyBudget> {
    private final Config config;
    private final NameBudgets nameBudgets;

    TrackerBudgets(Config config, NameBudgets nameBudgets) {
      this.config = config;
      this.nameBudgets = nameBudgets;
    }

    @Override
    public LatencyBudget apply(String name) {
      List<String> problems = new ArrayList<>();
      LatencyBudget b = ProbeSettings.budget(config.scoped("vitals.trackers." + name + "."),
          nameBudgets.forName(name), " of trackers", problems);
      ConfigReads.check(problems);
      return b;
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  static boolean anyKeyStartsWith(Set<String> keys, String prefix) {
    for (String k : keys) {
      if (k.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
