/**
 * The {@code /health} HTTP endpoint of Vitals: Kubernetes-style groups, one probe, {@code /metrics}
 * and a status page, served from the latest report without ever running a probe.
 *
 * <p>Start it with {@link dev.vitals.exporter.http.HttpEndpoint#builder(java.util.function.Supplier)},
 * let the monitor start it from configuration ({@code vitals.http.*}, see
 * {@link dev.vitals.exporter.http.HttpExporterFactory}), or mount
 * {@link dev.vitals.exporter.http.HealthServlet} in a servlet container.
 */
package dev.vitals.exporter.http;
