/**
 * The Vitals {@code /health} endpoint: {@link dev.vitals.exporter.http.HttpEndpoint} on the JDK's
 * {@code com.sun.net.httpserver}, and the same answers as a Jakarta servlet
 * ({@link dev.vitals.exporter.http.HealthServlet}, needs {@code jakarta.servlet} at run time only
 * when used; a module that has it reads it through this one, since the servlet's API names it). Enabled by {@code vitals.http.port} or {@code vitals.http.enabled=true}. Logs through
 * the SLF4J API.
 */
module dev.vitals.exporter.http {
  requires transitive dev.vitals.api;
  requires transitive jdk.httpserver;
  requires static transitive jakarta.servlet;
  requires org.slf4j;

  exports dev.vitals.exporter.http;

  uses dev.vitals.api.spi.MetricsWriter;

  provides dev.vitals.api.spi.ExporterFactory with dev.vitals.exporter.http.HttpExporterFactory;
}
