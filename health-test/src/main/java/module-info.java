/**
 * What users need to test their own probes and exporters: a {@link dev.vitals.test.ManualClock}
 * with a scheduler it drives, a {@link dev.vitals.test.SilentServer} that accepts connections and
 * never answers, and the {@link dev.vitals.test.ProbeCompatibilityKit}.
 */
module dev.vitals.test {
  requires transitive dev.vitals.api;
  requires transitive org.junit.jupiter.api;

  exports dev.vitals.test;
}
