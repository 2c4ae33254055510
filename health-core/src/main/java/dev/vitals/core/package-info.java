/**
 * The Vitals engine. {@link dev.vitals.core.HealthMonitor} is its only public type; everything else
 * here is package-private (and {@code internal} is not exported).
 *
 * <h2>The map</h2>
 *
 * <pre>
 * HealthMonitor.Builder.build()
 *   └ ConfigResolution          discover plugin types → declare keys (KnownKeys) → environment
 *       │                       (ConfigReads) → check → probes (ProbeSettings, ConfiguredPlugins,
 *       │                       NameBudgets) → alerting (AlertRuleSettings, Maintenance, Slo,
 *       │                       NotifierSpec, Routing) → exporters' own checks (ExporterHost)
 *       └ Plugins               ServiceLoader, defensively
 * HealthMonitor                 the facade: start(), report(), tracker(), close()
 *   ├ MonitorThreads            the scheduler and the Workers (pool or virtual threads); shuts down its own
 *   ├ Engine                    the running state: publishes the immutable HealthReport (a volatile field)
 *   │   ├ ProbeRunner (1/probe) schedule, timeout, circuit breaker, status rules; its trackers
 *   │   │                       (internal.tracking: LatencyTracker, AvailabilityTracker, StatusHistory)
 *   │   ├ Trackers              the service's own operations (Tracker, record() on the request path)
 *   │   ├ Scores                0–100 from latency, errors and availability against the alert thresholds
 *   │   ├ Baselines             recorded p95s and the regression rule
 *   │   └ listeners             HealthListener: Alerting, exporters' listeners
 *   ├ Alerting                  rules per subject (for, repeat, resolve), Maintenance windows, Slo burn
 *   │   └ NotifierOutbox (1/notifier)  Routing, a bounded queue, its own thread, Resilience4j Retry
 *   │                           whose backoff waits on the monitor's scheduler
 *   └ ExporterHost              creates exporters through ExporterFactory, gives them an ExporterContext,
 *                               closes them
 * JvmStart                      the process start time, for uptime and cold start
 * </pre>
 *
 * <p>The engine knows plugins only through the SPIs of {@code dev.vitals.api.spi}: probe, notifier and
 * exporter types declare their keys ({@code keys()}) and defaults (a probe's {@code defaults()},
 * including its budget); no plugin is named here.
 *
 * <h2>Threads</h2>
 *
 * One scheduler thread times runs, timeouts and window rotation; checks run on the {@code Workers}; a
 * run's result is applied under {@code Engine.lock} on the thread that ends it; {@code report()} is a
 * volatile read and never waits; each notifier has its own thread. Tests give the builder a
 * {@code ManualClock}'s scheduler and inline executor, and then drive every wait (runs, timeouts,
 * rotation, notifier backoff) by advancing the clock.
 *
 * <h2 id="start-up">Start-up rules</h2>
 *
 * A monitor is built and started on a service's start path, and a small one must cost less than
 * Dropwizard's registry (README, budgets). So the code that {@code builder()}, {@code build()},
 * {@code start()} and the first probe runs reach follows these rules, checked by {@code StartPathTest}
 * (in a fresh JVM, with class loading logged) and {@code BudgetCheck}:
 *
 * <ol>
 *   <li><b>No lambda or method reference</b> on that path: each is a class spun at its first use. Write
 *       a small named class ({@code implements Runnable}, {@code ThreadFactory} ...), or a loop.
 *   <li><b>No regular expression</b>: compiling one loads and builds its character classes. Parse by
 *       hand; where a regex is the right tool, keep it in a holder class compiled on first use (as
 *       {@code ConfigReads} does for {@code ${NAME}} references).
 *   <li><b>Load only what keys need</b>: ServiceLoader scans run only when a key needs their types
 *       (probe types for {@code vitals.probes.*}, notifier types for {@code vitals.notifiers.*});
 *       maintenance windows, SLOs, notifiers and budgets by name are read only when their keys exist,
 *       so their classes stay unloaded otherwise.
 *   <li><b>Log lazily</b>: every logger sits in a nested {@code Log} holder, so SLF4J initialises only
 *       when something is logged; nothing is logged on a clean start.
 *   <li><b>No Resilience4j on the probe path</b>: the circuit breaker is the engine's own; Resilience4j's
 *       Retry loads only with a notifier.
 *   <li><b>Nothing slow in the constructor chain</b>: no probe I/O in {@code build()}; the process start
 *       time is prefetched by {@code builder()} ({@code JvmStart}).
 * </ol>
 *
 * A comment that guards one line against one of these rules points here instead of restating it.
 */
package dev.vitals.core;
