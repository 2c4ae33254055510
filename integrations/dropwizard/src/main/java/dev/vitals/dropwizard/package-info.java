/**
 * Vitals for Dropwizard: Dropwizard Metrics health checks as Vitals probes ({@link
 * dev.vitals.dropwizard.DropwizardProbes}), Vitals' report as Dropwizard health checks ({@link
 * dev.vitals.dropwizard.VitalsHealthChecks}), and a Dropwizard application bundle that does both
 * for an application's own checks and answers the admin {@code /healthcheck} from Vitals ({@link
 * dev.vitals.dropwizard.VitalsBundle}).
 *
 * <p><b>Probes are fixed when a monitor is built.</b> Vitals' engine takes its probes from its
 * builder and has no way to add one to a running monitor. A check registered in a {@code
 * HealthCheckRegistry} before the monitor is built becomes a probe; one registered after is not
 * monitored, which the registry listener installed by {@link
 * dev.vitals.dropwizard.DropwizardProbes#register} logs once (WARN), and which the bundle's admin
 * page shows as an unhealthy check saying so. The bundle builds its monitor when the application's
 * lifecycle starts, after {@code Application.run}, so every check an application registers there is
 * monitored.
 *
 * <p><b>Threading.</b> Every public method is thread-safe. Probes run on the monitor's threads;
 * report-backed checks read {@code monitor.report()} (a volatile read) on the caller's thread and never
 * call a dependency.
 */
package dev.vitals.dropwizard;
