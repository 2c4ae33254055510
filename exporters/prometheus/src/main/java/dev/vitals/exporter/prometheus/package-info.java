/**
 * Vitals figures as Prometheus metrics: {@link dev.vitals.exporter.prometheus.PrometheusMetricsWriter}
 * (found by {@link java.util.ServiceLoader}, used by the {@code /metrics} endpoint) and
 * {@link dev.vitals.exporter.prometheus.VitalsPrometheus} (snapshots and exposition for users who
 * serve metrics themselves, a Prometheus alerting-rules file with Vitals' own alert rules, and a
 * recording-rules file that aggregates each service across its instances for the fleet view). The
 * metric names are the contract listed in this module's README.
 */
package dev.vitals.exporter.prometheus;
