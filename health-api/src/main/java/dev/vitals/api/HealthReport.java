package dev.vitals.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of the whole service at one moment: its status and score, every probe's and tracker's
 * report, the status of each probe group, uptime and cold start.
 *
 * <p>Immutable and thread-safe. The monitor builds a new report whenever a result arrives and
 * publishes it with a volatile write, so reading the current report costs a volatile read and
 * every lookup here is O(1) or a field read.
 */
public final class HealthReport {

  private final Status status;
  private final double score;
  private final Instant time;
  private final Instant startedAt;
  private final Duration coldStart;
  private final List<ProbeReport> probes;
  private final List<TrackerReport> trackers;
  private final Map<String, ProbeReport> probesByName;
  private final Map<String, TrackerReport> trackersByName;
  private final Map<ProbeKind, Status> groups;
  private final Map<ProbeKind, List<ProbeReport>> probesByKind;
  private final List<String> problems;
  private final List<SloReport> slos;
  private final List<NotifierStats> notifiers;
  private final List<MaintenanceWindow> maintenance;

  /**
   * Builds a report. Called by the monitor; users read reports, they do not build them (tests of
   * exporters may).
   *
   * @param status the service's status
   * @param score the service's score, 0 to 100
   * @param time when the report was built
   * @param startedAt when the monitored process started
   * @param coldStart how long the process took to become ready, once known
   * @param probes probe reports in the monitor's order; names unique
   * @param trackers tracker reports; names unique
   * @param groups the status of each group of probes; every kind must be present
   * @param problems start-up problems (a plugin that failed to load ...), redacted
   * @throws IllegalArgumentException if names repeat or a group is missing
   */
  public HealthReport(Status status, double score, Instant time, Instant startedAt,
      Optional<Duration> coldStart, List<ProbeReport> probes, List<TrackerReport> trackers,
      Map<ProbeKind, Status> groups, List<String> problems) {
    this(status, score, time, startedAt, coldStart, probes, trackers, groups, problems, List.of(), List.of());
  }

  /**
   * Builds a report with objectives and notifier figures.
   *
   * @param status the service's status
   * @param score the service's score, 0 to 100
   * @param time when the report was built
   * @param startedAt when the monitored process started
   * @param coldStart how long the process took to become ready, once known
   * @param probes probe reports; names unique
   * @param trackers tracker reports; names unique
   * @param groups the status of each group of probes; every kind must be present
   * @param problems start-up problems, redacted
   * @param slos the service-level objectives
   * @param notifiers each notifier's delivery figures
   * @throws IllegalArgumentException if names repeat or a group is missing
   */
  public HealthReport(Status status, double score, Instant time, Instant startedAt,
      Optional<Duration> coldStart, List<ProbeReport> probes, List<TrackerReport> trackers,
      Map<ProbeKind, Status> groups, List<String> problems, List<SloReport> slos, List<NotifierStats> notifiers) {
    this(status, score, time, startedAt, coldStart, probes, trackers, groups, problems, slos, notifiers, List.of());
  }

  /**
   * Builds a complete report.
   *
   * @param status the service's status
   * @param score the service's score, 0 to 100
   * @param time when the report was built
   * @param startedAt when the monitored process started
   * @param coldStart how long the process took to become ready, once known
   * @param probes probe reports; names unique
   * @param trackers tracker reports; names unique
   * @param groups the status of each group of probes; every kind must be present
   * @param problems start-up problems, redacted
   * @param slos the service-level objectives
   * @param notifiers each notifier's delivery figures
   * @param maintenance the maintenance windows open now
   * @throws IllegalArgumentException if names repeat or a group is missing
   */
  public HealthReport(Status status, double score, Instant time, Instant startedAt,
      Optional<Duration> coldStart, List<ProbeReport> probes, List<TrackerReport> trackers,
      Map<ProbeKind, Status> groups, List<String> problems, List<SloReport> slos, List<NotifierStats> notifiers,
      List<MaintenanceWindow> maintenance) {
    this.maintenance = List.copyOf(maintenance);
    this.slos = List.copyOf(slos);
    this.notifiers = List.copyOf(notifiers);
    this.status = Objects.requireNonNull(status, "status");
    this.score = score;
    this.time = Objects.requireNonNull(time, "time");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.coldStart = coldStart.orElse(null);
    this.probes = List.copyOf(probes);
    this.trackers = List.copyOf(trackers);
    Map<String, ProbeReport> byName = new LinkedHashMap<>();
    Map<ProbeKind, List<ProbeReport>> byKind = new EnumMap<>(ProbeKind.class);
    for (ProbeKind k : ProbeKind.values()) {
      byKind.put(k, new java.util.ArrayList<>());
    }
    for (ProbeReport p : this.probes) {
      if (byName.put(p.name(), p) != null) {
        throw new IllegalArgumentException("duplicate probe name '" + p.name() + "'");
      }
      for (ProbeKind k : p.kinds()) {
        byKind.get(k).add(p);
      }
    }
    for (Map.Entry<ProbeKind, List<ProbeReport>> e : byKind.entrySet()) {
      e.setValue(List.copyOf(e.getValue()));
    }
    Map<String, TrackerReport> tByName = new LinkedHashMap<>();
    for (TrackerReport t : this.trackers) {
      if (tByName.put(t.name(), t) != null) {
        throw new IllegalArgumentException("duplicate tracker name '" + t.name() + "'");
      }
    }
    EnumMap<ProbeKind, Status> g = new EnumMap<>(ProbeKind.class);
    g.putAll(groups);
    for (ProbeKind k : ProbeKind.values()) {
      if (!g.containsKey(k)) {
        throw new IllegalArgumentException("group status missing for " + k);
      }
    }
    this.probesByName = Collections.unmodifiableMap(byName);
    this.trackersByName = Collections.unmodifiableMap(tByName);
    this.probesByKind = Collections.unmodifiableMap(byKind);
    this.groups = Collections.unmodifiableMap(g);
    this.problems = List.copyOf(problems);
  }

  /**
   * The service's status: the aggregate of every probe (see {@link Status}).
   *
   * @return the status
   */
  public Status status() {
    return status;
  }

  /**
   * The service's health score: probes and trackers weighted (critical probes count three times).
   *
   * @return 0 to 100; 100 when nothing is monitored
   */
  public double score() {
    return score;
  }

  /**
   * When this report was built.
   *
   * @return the time
   */
  public Instant time() {
    return time;
  }

  /**
   * When the process started (the JVM's start time, unless the monitor was told otherwise).
   *
   * @return the start time
   */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * How long the process was up at a moment.
   *
   * @param now the moment, usually the clock's current instant
   * @return the uptime, zero if {@code now} is before the start
   */
  public Duration uptime(Instant now) {
    Duration d = Duration.between(startedAt, now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * The time from process start to the moment the service became ready.
   *
   * @return the cold start, empty until the service is ready
   */
  public Optional<Duration> coldStart() {
    return Optional.ofNullable(coldStart);
  }

  /**
   * Every probe's report: probes registered in code first, in registration order, then configured
   * probes by name.
   *
   * @return an unmodifiable list
   */
  public List<ProbeReport> probes() {
    return probes;
  }

  /**
   * The probes of one group.
   *
   * @param kind the group
   * @return an unmodifiable list, possibly empty
   */
  public List<ProbeReport> probes(ProbeKind kind) {
    return probesByKind.get(kind);
  }

  /**
   * One probe's report.
   *
   * @param name the probe's name
   * @return the report, empty for an unknown name
   */
  public Optional<ProbeReport> probe(String name) {
    return Optional.ofNullable(probesByName.get(name));
  }

  /**
   * Every tracker's report, in the order they were created.
   *
   * @return an unmodifiable list
   */
  public List<TrackerReport> trackers() {
    return trackers;
  }

  /**
   * One tracker's report.
   *
   * @param name the tracker's name
   * @return the report, empty for an unknown name
   */
  public Optional<TrackerReport> tracker(String name) {
    return Optional.ofNullable(trackersByName.get(name));
  }

  /**
   * The status of one group: the aggregate of its probes, {@link Status#UP} when it has none.
   *
   * @param kind the group
   * @return the status
   */
  public Status status(ProbeKind kind) {
    return groups.get(kind);
  }

  /**
   * Problems found at start-up, such as a plugin that failed to load and was skipped.
   *
   * @return an unmodifiable list of redacted messages, usually empty
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * The service-level objectives and how they stand.
   *
   * @return an unmodifiable list, empty when none is configured
   */
  public List<SloReport> slos() {
    return slos;
  }

  /**
   * How each notifier's deliveries went.
   *
   * @return an unmodifiable list, empty when no notifier is configured
   */
  public List<NotifierStats> notifiers() {
    return notifiers;
  }

  /**
   * The maintenance windows open now.
   *
   * @return an unmodifiable list, usually empty
   */
  public List<MaintenanceWindow> maintenance() {
    return maintenance;
  }

  /**
   * Whether a probe or tracker is in a maintenance window now.
   *
   * @param subject its name
   * @return true when an open window covers it
   */
  public boolean inMaintenance(String subject) {
    for (MaintenanceWindow w : maintenance) {
      if (w.covers(subject)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "HealthReport{status=" + status + ", score=" + score + ", probes=" + probesByName.keySet()
        + ", trackers=" + trackersByName.keySet() + ", time=" + time + '}';
  }
}
