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
 *
 * <p>Build one with {@link #builder()} (or change one with {@link #toBuilder()}): every component but
 * the status, the time and the start time has a default, so code that builds reports keeps compiling
 * when a component is added.
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
  private final HistoryStats history;
  private final List<MaintenanceWindow> maintenance;
  private final Duration scheduleLag;
  private final Instant nextReportBy;

  private HealthReport(Builder b) {
    Objects.requireNonNull(b.status, "status");
    Objects.requireNonNull(b.time, "time");
    Objects.requireNonNull(b.startedAt, "startedAt");
    this.scheduleLag = b.scheduleLag;
    this.nextReportBy = b.nextReportBy;
    this.maintenance = List.copyOf(b.maintenance);
    this.slos = List.copyOf(b.slos);
    this.notifiers = List.copyOf(b.notifiers);
    this.history = b.history;
    this.status = b.status;
    this.score = b.score;
    this.time = b.time;
    this.startedAt = b.startedAt;
    this.coldStart = b.coldStart;
    this.probes = List.copyOf(b.probes);
    this.trackers = List.copyOf(b.trackers);
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
    if (b.groups == null) {
      for (ProbeKind k : ProbeKind.values()) {
        g.put(k, Status.UP);
      }
    } else {
      g.putAll(b.groups);
    }
    for (ProbeKind k : ProbeKind.values()) {
      if (!g.containsKey(k)) {
        throw new IllegalArgumentException("group status missing for " + k);
      }
    }
    this.probesByName = Collections.unmodifiableMap(byName);
    this.trackersByName = Collections.unmodifiableMap(tByName);
    this.probesByKind = Collections.unmodifiableMap(byKind);
    this.groups = Collections.unmodifiableMap(g);
    this.problems = List.copyOf(b.problems);
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
   * How the history store is doing.
   *
   * @return its figures, or empty when no history store is configured
   */
  public java.util.Optional<HistoryStats> history() {
    return java.util.Optional.ofNullable(history);
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

  /**
   * How far behind its schedule the monitor is: the longest delay, among the probe runs that started in
   * the last 10 to 20 seconds, between the moment a run was due and the moment it started (waiting for
   * the scheduler or for a free worker thread). Near zero for a monitor that keeps up; a lag above a
   * probe's interval means results come less often than configured, and {@link #problems()} says so.
   *
   * @return the lag, zero or more
   */
  public Duration scheduleLag() {
    return scheduleLag;
  }

  /**
   * The engine's heartbeat: the time by which it will have published another report if its scheduler
   * is alive. The engine publishes at least every 10 seconds (when it rotates its windows) and sets this
   * to three of those periods after the report's {@link #time()}; a reader that finds it passed knows
   * the scheduler has stalled, however healthy the last report looked ({@link #stalled(Instant)}).
   * Empty for a monitor that runs on demand (nothing runs between its calls, by design) and for a
   * report not made by the engine.
   *
   * @return the time, or empty
   */
  public Optional<Instant> nextReportBy() {
    return Optional.ofNullable(nextReportBy);
  }

  /**
   * Whether the engine that made this report has stalled: {@link #nextReportBy()} has passed. The HTTP
   * endpoint's {@code /health/live} and the gRPC health service's {@code liveness} then answer
   * {@code DOWN}: a monitor whose scheduler no longer runs cannot vouch for anything.
   *
   * @param now the reader's time, not null
   * @return true when the next report is overdue
   */
  public boolean stalled(Instant now) {
    return nextReportBy != null && now.isAfter(nextReportBy);
  }

  /**
   * A builder holding every component of this report, to build a copy with some of them changed.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.status = status;
    b.score = score;
    b.time = time;
    b.startedAt = startedAt;
    b.coldStart = coldStart;
    b.probes = probes;
    b.trackers = trackers;
    b.groups = groups;
    b.problems = problems;
    b.slos = slos;
    b.notifiers = notifiers;
    b.history = history;
    b.maintenance = maintenance;
    b.scheduleLag = scheduleLag;
    b.nextReportBy = nextReportBy;
    return b;
  }

  /**
   * A builder for a report, for the monitor and for tests of exporters. Every setting has a default
   * (score 100, no cold start, no probes, trackers, problems, objectives, notifiers or maintenance
   * windows, no schedule lag, every group {@code UP}) except the status, the time and the start time.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link HealthReport}. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private Status status;
    private double score = 100.0;
    private Instant time;
    private Instant startedAt;
    private Duration coldStart;
    private List<ProbeReport> probes = List.of();
    private List<TrackerReport> trackers = List.of();
    private Map<ProbeKind, Status> groups;
    private List<String> problems = List.of();
    private List<SloReport> slos = List.of();
    private List<NotifierStats> notifiers = List.of();
    private HistoryStats history;
    private List<MaintenanceWindow> maintenance = List.of();
    private Duration scheduleLag = Duration.ZERO;
    private Instant nextReportBy;

    private Builder() {}

    /**
     * Sets the report's {@code status}.
     *
     * @param status the service's status, not null
     * @return this builder
     */
    public Builder status(Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets the report's {@code score}.
     *
     * @param score the service's score, 0 to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range or NaN
     */
    public Builder score(double score) {
      this.score = ReportChecks.score(score);
      return this;
    }

    /**
     * Sets the report's {@code time}.
     *
     * @param time when the report was built, not null
     * @return this builder
     */
    public Builder time(Instant time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Sets the report's {@code startedAt}.
     *
     * @param startedAt when the monitored process started, not null
     * @return this builder
     */
    public Builder startedAt(Instant startedAt) {
      this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
      return this;
    }

    /**
     * Sets the report's {@code coldStart}.
     *
     * @param coldStart how long the process took to become ready; null while not known
     * @return this builder
     */
    public Builder coldStart(Duration coldStart) {
      this.coldStart = coldStart;
      return this;
    }

    /**
     * Sets the report's {@code probes}.
     *
     * @param probes probe reports; names unique
     * @return this builder
     */
    public Builder probes(List<ProbeReport> probes) {
      this.probes = Objects.requireNonNull(probes, "probes");
      return this;
    }

    /**
     * Sets the report's {@code trackers}.
     *
     * @param trackers tracker reports; names unique
     * @return this builder
     */
    public Builder trackers(List<TrackerReport> trackers) {
      this.trackers = Objects.requireNonNull(trackers, "trackers");
      return this;
    }

    /**
     * Sets the report's {@code groups}.
     *
     * @param groups the status of each group; every kind must be present
     * @return this builder
     */
    public Builder groups(Map<ProbeKind, Status> groups) {
      this.groups = Objects.requireNonNull(groups, "groups");
      return this;
    }

    /**
     * Sets the report's {@code problems}.
     *
     * @param problems problems to show, redacted
     * @return this builder
     */
    public Builder problems(List<String> problems) {
      this.problems = Objects.requireNonNull(problems, "problems");
      return this;
    }

    /**
     * Sets the report's {@code slos}.
     *
     * @param slos the service-level objectives
     * @return this builder
     */
    public Builder slos(List<SloReport> slos) {
      this.slos = Objects.requireNonNull(slos, "slos");
      return this;
    }

    /**
     * Sets the report's {@code notifiers}.
     *
     * @param notifiers each notifier's delivery figures
     * @return this builder
     */
    public Builder notifiers(List<NotifierStats> notifiers) {
      this.notifiers = Objects.requireNonNull(notifiers, "notifiers");
      return this;
    }

    /**
     * Sets how the history store is doing.
     *
     * @param history its figures, or null for a monitor without a history store
     * @return this builder
     */
    public Builder history(HistoryStats history) {
      this.history = history;
      return this;
    }

    /**
     * Sets the report's {@code maintenance}.
     *
     * @param maintenance the maintenance windows open now
     * @return this builder
     */
    public Builder maintenance(List<MaintenanceWindow> maintenance) {
      this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
      return this;
    }

    /**
     * Sets the report's {@code scheduleLag}.
     *
     * @param scheduleLag see {@link HealthReport#scheduleLag()}; zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder scheduleLag(Duration scheduleLag) {
      if (Objects.requireNonNull(scheduleLag, "scheduleLag").isNegative()) {
        throw new IllegalArgumentException("scheduleLag must be zero or more, was " + scheduleLag);
      }
      this.scheduleLag = scheduleLag;
      return this;
    }

    /**
     * Sets the report's {@code nextReportBy}.
     *
     * @param nextReportBy see {@link HealthReport#nextReportBy()}; null for none (the default)
     * @return this builder
     */
    public Builder nextReportBy(Instant nextReportBy) {
      this.nextReportBy = nextReportBy;
      return this;
    }

    /**
     * Builds the report.
     *
     * @return a new immutable report
     * @throws NullPointerException if the status, the time or the start time is missing
     * @throws IllegalArgumentException if names repeat, a group is missing or the lag is negative
     */
    public HealthReport build() {
      return new HealthReport(this);
    }
  }

  @Override
  public String toString() {
    return "HealthReport{status=" + status + ", score=" + score + ", probes=" + probesByName.keySet()
        + ", trackers=" + trackersByName.keySet() + ", time=" + time + '}';
  }
}
