/**
 * The gRPC health service: {@link dev.vitals.exporter.grpc.VitalsHealthService} answers
 * {@code grpc.health.v1.Health} from a Vitals report; {@link dev.vitals.exporter.grpc.GrpcExporterFactory}
 * serves it on a port of its own. Every other type of this package is an implementation detail.
 */
package dev.vitals.exporter.grpc;
