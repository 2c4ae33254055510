/**
 * What users need to test their own probes and exporters: a {@link dev.vitals.test.ManualClock}
 * with a scheduler it drives, a {@link dev.vitals.test.SilentServer} that accepts connections and
 * never answers, a {@link dev.vitals.test.RecordingHttpServer} that records what it is sent, a strict
 * {@link dev.vitals.test.Json} parser, {@link dev.vitals.test.Threads} to show that nothing is left
 * running, {@link dev.vitals.test.Reports} built by hand, {@link dev.vitals.test.JsonVectors} for JSON
 * writers, and a compatibility kit per plugin SPI: {@link dev.vitals.test.ProbeCompatibilityKit},
 * {@link dev.vitals.test.ExporterCompatibilityKit} (with the {@link dev.vitals.test.RecordingContext} it
 * gives exporters), {@link dev.vitals.test.MetricsWriterCompatibilityKit} and
 * {@link dev.vitals.test.NotifierCompatibilityKit}.
 */
module dev.vitals.test {
  requires transitive dev.vitals.api;
  requires transitive org.junit.jupiter.api;
  // the recording server is the JDK's; none of its types is part of this module's API
  requires jdk.httpserver;

  exports dev.vitals.test;

  // the kits find the plugins under test as ServiceLoader does, on the module path too
  uses dev.vitals.api.spi.ProbeFactory;
  uses dev.vitals.api.spi.ExporterFactory;
  uses dev.vitals.api.spi.MetricsWriter;
  uses dev.vitals.api.spi.NotifierFactory;
}
