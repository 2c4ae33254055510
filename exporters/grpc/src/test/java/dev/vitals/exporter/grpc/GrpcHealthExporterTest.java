package dev.vitals.exporter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real monitor (driven by a {@link ManualClock}) whose {@code vitals.grpc.port = 0} starts the exporter,
 * and a real grpc-java client over loopback: Check for the service, the groups, a probe and an unknown name;
 * Watch pushes a change on the report that carries it.
 */
class GrpcHealthExporterTest {

  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final ManualClock clock = new ManualClock();
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private HealthMonitor monitor;
  private ManagedChannel channel;
  private HealthGrpc.HealthBlockingStub stub;

  @BeforeEach
  void start() {
    // in the liveness and readiness groups, so both groups start UNKNOWN
    Probe flaky = new Probe() {
      @Override
      public String name() {
        return "flaky";
      }

      @Override
      public ProbeResult check() {
        return healthy.get() ? ProbeResult.up() : ProbeResult.down("flipped by the test");
      }

      @Override
      public ProbeDefaults defaults() {
        return ProbeDefaults.builder().kinds(ProbeKind.LIVENESS, ProbeKind.READINESS).build();
      }
    };
    monitor = HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of()).jitter(0).probe(flaky).config(Map.of("vitals.grpc.port", "0")).build().start();
    int port = monitor.exporter(GrpcHealthServer.class).orElseThrow().port();
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
    stub = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    monitor.close();
  }

  private ServingStatus check(String service) {
    return stub.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  @Test
  void beforeTheFirstResultOnlyLivenessIsServing() {
    assertThat(monitor.report().status(ProbeKind.LIVENESS)).isEqualTo(Status.UNKNOWN);
    assertThat(check("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check("readiness")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check("flaky")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check("liveness")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void checkAnswersTheServiceTheGroupsAndEachProbe() {
    clock.runDue();
    assertThat(monitor.report().status()).isEqualTo(Status.UP);
    assertThat(check("")).isEqualTo(ServingStatus.SERVING);
    assertThat(check("readiness")).isEqualTo(ServingStatus.SERVING);
    assertThat(check("liveness")).isEqualTo(ServingStatus.SERVING);
    assertThat(check("startup")).isEqualTo(ServingStatus.SERVING);
    assertThat(check("flaky")).isEqualTo(ServingStatus.SERVING);

    healthy.set(false);
    advanceUntil(Status.DOWN);
    assertThat(check("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check("readiness")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check("liveness")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check("flaky")).isEqualTo(ServingStatus.NOT_SERVING);
  }

  @Test
  void anUnknownNameIsNotFoundOnCheck() {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> check("nope"));
    assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).contains("unknown service 'nope'");
  }

  @Test
  void watchSeesEveryChangeOnTheReportThatCarriesIt() {
    clock.runDue();
    Watch whole = watch("");
    Watch probe = watch("flaky");
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.statuses().equals(List.of(ServingStatus.SERVING))
        && whole.statuses().equals(List.of(ServingStatus.SERVING)));

    healthy.set(false);
    advanceUntil(Status.DOWN);
    // no further run: the report that made it DOWN pushed it
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.statuses().size() == 2 && whole.statuses().size() == 2);
    assertThat(probe.statuses()).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
    assertThat(whole.statuses()).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);

    healthy.set(true);
    advanceUntil(Status.UP);
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.statuses().size() == 3);
    assertThat(probe.statuses()).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING, ServingStatus.SERVING);
    // runs that change nothing send nothing
    clock.advance(INTERVAL.multipliedBy(3));
    assertThat(probe.statuses()).hasSize(3);
  }

  @Test
  void watchOfAnUnknownNameIsServiceUnknownAndStaysOpen() {
    Watch unknown = watch("nope");
    await().atMost(Duration.ofSeconds(10)).until(() -> unknown.statuses().equals(List.of(ServingStatus.SERVICE_UNKNOWN)));
    assertThat(unknown.error.get()).isNull();
  }

  @Test
  void closingTheMonitorEndsWatchStreams() {
    Watch w = watch("");
    await().atMost(Duration.ofSeconds(10)).until(() -> w.statuses().size() == 1);
    monitor.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> w.error.get() != null);
    assertThat(io.grpc.Status.fromThrowable(w.error.get()).getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
  }

  /** Advances one interval at a time (at most ten) until the probe has the status. */
  private void advanceUntil(Status status) {
    for (int i = 0; i < 10 && monitor.report().probe("flaky").orElseThrow().status() != status; i++) {
      clock.advance(INTERVAL);
    }
    assertThat(monitor.report().probe("flaky").orElseThrow().status()).isEqualTo(status);
  }

  private Watch watch(String service) {
    Watch w = new Watch();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService(service).build(), w);
    return w;
  }

  /** What a Watch stream received. */
  static final class Watch implements StreamObserver<HealthCheckResponse> {
    final List<ServingStatus> received = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();

    List<ServingStatus> statuses() {
      return List.copyOf(received);
    }

    @Override
    public void onNext(HealthCheckResponse value) {
      received.add(value.getStatus());
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }

    @Override
    public void onCompleted() {
      error.compareAndSet(null, new IllegalStateException("completed"));
    }
  }
}
