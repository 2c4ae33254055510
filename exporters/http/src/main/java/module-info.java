/**
 * The Vitals {@code /health} endpoint: {@link dev.vitals.exporter.http.HttpEndpoint} on the JDK's
 * {@code com.sun.net.httpserver}, and the same answers as a Jakarta servlet
 * ({@link dev.vitals.exporter.http.HealthServlet}, needs {@code jakarta.servlet} only when used: a
 * module that mounts it requires {@code jakarta.servlet} itself, as any servlet code does; not
 * transitive, because javac then demands the servlet API of every module that requires this one, servlet or
 * not, as the consumer build {@code consumer-tests/src/it/jpms} shows). Enabled by {@code vitals.http.port} or {@code vitals.http.enabled=true}. Logs through
 * the SLF4J API.
 */
module dev.vitals.exporter.http {
  requires transitive dev.vitals.api;
  requires transitive jdk.httpserver;
  requires static jakarta.servlet;
  requires org.slf4j;

  exports dev.vitals.exporter.http;

  uses dev.vitals.api.spi.MetricsWriter;

  provides dev.vitals.api.spi.ExporterFactory with dev.vitals.exporter.http.HttpExporterFactory;
}
