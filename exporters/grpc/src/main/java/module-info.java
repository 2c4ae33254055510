/**
 * The standard gRPC health service ({@code grpc.health.v1.Health}) answered from a Vitals report: on a
 * server of its own ({@code vitals.grpc.port}, through {@link dev.vitals.exporter.grpc.GrpcExporterFactory})
 * or in the service's own gRPC server ({@link dev.vitals.exporter.grpc.VitalsHealthService}, a
 * {@code BindableService}, which is why grpc-api is read transitively).
 */
module dev.vitals.exporter.grpc {
  requires transitive dev.vitals.api;
  requires transitive io.grpc;
  requires io.grpc.stub;
  requires io.grpc.services;
  requires io.grpc.netty.shaded;
  requires com.google.protobuf;

  exports dev.vitals.exporter.grpc;

  provides dev.vitals.api.spi.ExporterFactory with dev.vitals.exporter.grpc.GrpcExporterFactory;
}
