/**
 * The gRPC probe (type {@code grpc}): the standard {@code grpc.health.v1.Health/Check} over a grpc-java
 * channel (Netty, shaded) of its own, plain text or TLS. Registered as a
 * {@link dev.vitals.api.spi.ProbeFactory} service; every type but the factory is an implementation detail.
 */
module dev.vitals.probes.grpc {
  requires transitive dev.vitals.api;
  requires io.grpc;
  requires io.grpc.stub;
  requires io.grpc.services;
  requires com.google.protobuf;

  exports dev.vitals.probes.grpc;

  provides dev.vitals.api.spi.ProbeFactory with dev.vitals.probes.grpc.GrpcProbeFactory;
}
