package dev.vitals.exporter.logging;

import dev.vitals.test.ExporterCompatibilityKit;
import java.util.Map;

/**
 * The {@code logging} exporter against the exporter compatibility kit: on by default (off with
 * {@code vitals.logging.enabled=false}), a value other than true or false refused by key.
 */
class LoggingExporterCompatibilityTest extends ExporterCompatibilityKit {

  @Override
  protected String exporterName() {
    return "logging";
  }

  @Override
  protected boolean enabledByDefault() {
    return true;
  }

  @Override
  protected Map<String, String> enablingConfig() {
    return Map.of("vitals.logging.enabled", "true");
  }
}
