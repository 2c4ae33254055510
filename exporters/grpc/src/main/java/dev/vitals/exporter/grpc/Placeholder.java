package dev.vitals.exporter.grpc;

final class Placeholder {
  private Placeholder() {}
}
