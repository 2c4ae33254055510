/**
 * The gRPC probe: {@link dev.vitals.probes.grpc.GrpcProbeFactory} builds probes of type {@code grpc}
 * that call the standard {@code grpc.health.v1.Health/Check}. Every other type of this package is an
 * implementation detail.
 */
package dev.vitals.probes.grpc;
