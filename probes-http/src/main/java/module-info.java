/**
 * HTTP(S) and TCP probes for Vitals: {@link dev.vitals.probes.http.HttpProbe} (type {@code http}),
 * built on the JDK {@link java.net.http.HttpClient}, and {@link dev.vitals.probes.http.TcpProbe}
 * (type {@code tcp}). Both types are registered as {@link dev.vitals.api.spi.ProbeFactory} services.
 */
module dev.vitals.probes.http {
  requires transitive dev.vitals.api;
  requires java.net.http;

  exports dev.vitals.probes.http;

  provides dev.vitals.api.spi.ProbeFactory with
      dev.vitals.probes.http.HttpProbeFactory,
      dev.vitals.probes.http.TcpProbeFactory;
}
