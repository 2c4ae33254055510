/** A user's service as a named module: these are Vitals' real module names. */
module example.jpms {
  requires dev.vitals.core;
  requires dev.vitals.exporter.http;
  requires dev.vitals.probes.http;   // the "http" probe type, found with ServiceLoader (provides ... ProbeFactory)
  requires java.net.http;            // the test's HTTP client
  exports example.jpms;
}
