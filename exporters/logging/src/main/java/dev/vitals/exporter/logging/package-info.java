/**
 * The {@code logging} exporter ({@link dev.vitals.exporter.logging.LoggingExporterFactory}): what the
 * monitor learns, as structured SLF4J 2 log events with key-value pairs.
 */
package dev.vitals.exporter.logging;
