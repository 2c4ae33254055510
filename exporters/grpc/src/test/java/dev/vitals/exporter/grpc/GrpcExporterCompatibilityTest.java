package dev.vitals.exporter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.Exporter;
import dev.vitals.test.ExporterCompatibilityKit;
import dev.vitals.test.RecordingContext;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;

/**
 * The {@code grpc} exporter against the exporter kit: off without a port, on with {@code vitals.grpc.port=0},
 * a bad port refused by key, and no thread left after close once real gRPC calls were served. The kit's
 * report: kit-up UP, kit-degraded DEGRADED, kit-down DOWN, kit-unknown UNKNOWN (startup).
 */
class GrpcExporterCompatibilityTest extends ExporterCompatibilityKit {

  @Override
  protected String exporterName() {
    return "grpc";
  }

  @Override
  protected Map<String, String> enablingConfig() {
    return Map.of("vitals.grpc.port", "0");
  }

  @Override
  protected Map<String, String> badConfig() {
    return Map.of("vitals.grpc.port", "70000");
  }

  @Override
  protected String badConfigKey() {
    return "vitals.grpc.port";
  }

  /** Real Check calls over a real channel, shut down before the kit looks for threads. */
  @Override
  protected void exercise(Exporter exporter, RecordingContext context) throws Exception {
    int port = ((GrpcHealthServer) exporter).port();
    ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
    try {
      HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
      assertThat(check(stub, "")).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(check(stub, "liveness")).isEqualTo(ServingStatus.SERVING);
      assertThat(check(stub, "readiness")).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(check(stub, "startup")).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(check(stub, "kit-up")).isEqualTo(ServingStatus.SERVING);
      assertThat(check(stub, "kit-degraded")).isEqualTo(ServingStatus.SERVING);
      assertThat(check(stub, "kit-down")).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(check(stub, "kit-unknown")).isEqualTo(ServingStatus.NOT_SERVING);
      StatusRuntimeException e = Assertions.catchThrowableOfType(StatusRuntimeException.class, () -> check(stub, "nope"));
      assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static ServingStatus check(HealthGrpc.HealthBlockingStub stub, String service) {
    return stub.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }
}
