package dev.vitals.exporter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The service added to a gRPC server of the user's own, as the README shows; and the module descriptor. */
class OwnServerTest {

  @Test
  void theServiceAnswersInTheUsersOwnServer() throws Exception {
    ManualClock clock = new ManualClock();
    Probe db = Probe.of("db", ProbeResult::up);
    AtomicReference<HealthMonitor> monitor = new AtomicReference<>();
    VitalsHealthService health = VitalsHealthService.of(() -> monitor.get().report(), listener -> { });
    monitor.set(HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of()).jitter(0).listener(health.listener()).probe(db).build().start());
    Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(health).build().start();
    ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(),
        InsecureChannelCredentials.create()).build();
    try {
      HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
      assertThat(stub.check(HealthCheckRequest.newBuilder().setService("db").build()).getStatus())
          .isEqualTo(ServingStatus.NOT_SERVING);
      clock.runDue();
      assertThat(stub.check(HealthCheckRequest.newBuilder().setService("db").build()).getStatus())
          .isEqualTo(ServingStatus.SERVING);
      assertThat(stub.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      health.close();
      monitor.get().close();
    }
  }

  @Test
  void descriptorExportsOnlyTheApiPackageAndProvidesTheFactory() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.exporter.grpc").orElseThrow()
        .descriptor();
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.vitals.exporter.grpc");
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(ExporterFactory.class.getName());
      assertThat(p.providers()).containsExactly(GrpcExporterFactory.class.getName());
    });
  }
}
