package dev.vitals.exporter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.test.ManualClock;
import dev.vitals.test.Reports;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's heartbeat at {@code liveness}: a report overdue on the monitor's clock is not alive. */
class EngineHeartbeatTest {

  @Test
  void livenessIsNotServingOnceTheNextReportIsOverdue() throws Exception {
    ManualClock clock = new ManualClock(Reports.NOW);
    HealthReport report = Reports.report(Reports.probe("db").kinds(Set.of(ProbeKind.LIVENESS, ProbeKind.READINESS)).build())
        .nextReportBy(Reports.NOW.plusSeconds(30)).build();
    VitalsHealthService health = VitalsHealthService.of(() -> report, listener -> { }, clock);
    Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(health).build().start();
    ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(),
        InsecureChannelCredentials.create()).build();
    try {
      assertThat(check(channel, "liveness")).isEqualTo(ServingStatus.SERVING);
      clock.advance(Duration.ofSeconds(31));
      assertThat(check(channel, "liveness")).as("the next report is overdue").isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(check(channel, "readiness")).as("readiness reads the last report").isEqualTo(ServingStatus.SERVING);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      health.close();
    }
  }

  private static ServingStatus check(ManagedChannel channel, String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }
}
