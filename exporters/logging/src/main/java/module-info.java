/**
 * The {@code logging} exporter: status changes, regressions and start-up problems as structured SLF4J
 * logs on the logger {@code dev.vitals.health}; see
 * {@link dev.vitals.exporter.logging.LoggingExporterFactory}.
 */
module dev.vitals.exporter.logging {
  requires transitive dev.vitals.api;
  requires org.slf4j;

  exports dev.vitals.exporter.logging;

  provides dev.vitals.api.spi.ExporterFactory with dev.vitals.exporter.logging.LoggingExporterFactory;
}
