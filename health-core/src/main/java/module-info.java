/**
 * The Vitals engine. {@link dev.vitals.core.HealthMonitor} is the only public entry point; probe
 * types, exporters and metrics writers are found with {@link java.util.ServiceLoader}.
 */
module dev.vitals.core {
  requires transitive dev.vitals.api;
  requires org.slf4j;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.retry;
  requires java.management;

  exports dev.vitals.core;

  uses dev.vitals.api.spi.ProbeFactory;
  uses dev.vitals.api.spi.ExporterFactory;
  uses dev.vitals.api.spi.NotifierFactory;
  uses dev.vitals.api.spi.HistoryStoreFactory;
}
