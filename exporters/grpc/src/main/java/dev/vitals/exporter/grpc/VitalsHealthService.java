package dev.vitals.exporter.grpc;

import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The standard gRPC health service, {@code grpc.health.v1.Health}, answered from a Vitals report, to add to
 * a gRPC server of your own:
 *
 * <pre>{@code
 * AtomicReference<HealthMonitor> monitor = new AtomicReference<>();
 * // the monitor's builder takes the listener, so registration is done there rather than in of(...)
 * VitalsHealthService health = VitalsHealthService.of(() -> monitor.get().report(), listener -> { });
 * monitor.set(HealthMonitor.builder().listener(health.listener()).probe(db).build().start());
 * Server server = Grpc.newServerBuilderForPort(50051, InsecureServerCredentials.create())
 *     .addService(health).addService(new OrdersService()).build().start();
 * }</pre>
 *
 * <p>Service names: {@code ""} is the whole service, {@code liveness}, {@code readiness} and {@code startup}
 * are those groups (a probe with such a name is reached through the group only), any other name is the probe
 * of that name. {@code SERVING} when the status is {@code UP} or {@code DEGRADED}, {@code NOT_SERVING}
 * otherwise — {@code DOWN}, and {@code UNKNOWN} before the first result — except the liveness group, which
 * is {@code NOT_SERVING} only when {@code DOWN} (a process that has not checked itself yet must not be
 * restarted for it), the same answers as the HTTP endpoint's {@code 200} and {@code 503}. A stale probe
 * result is {@code NOT_SERVING}.
 *
 * <ul>
 *   <li>{@code Check}: the status from the latest report (a volatile read, never a probe run); an unknown
 *       name is the gRPC status {@code NOT_FOUND}, as the standard asks.</li>
 *   <li>{@code Watch}: the status at once, then every change, pushed when the monitor publishes a report
 *       (after each probe result) through {@link #listener()}; an unknown name gets {@code SERVICE_UNKNOWN}
 *       and the stream stays open. A client that reads slowly gets the latest status when it is ready again,
 *       not every one in between. Streams end when the client cancels, or with {@code UNAVAILABLE} when this
 *       service is {@link #close() closed}.</li>
 *   <li>{@code List} is not served: grpc-java 1.85's generated {@code Health} service has no such method.</li>
 * </ul>
 *
 * <p>Thread-safe. Calls never block, so the service may run on a direct executor.
 */
public final class VitalsHealthService implements BindableService, AutoCloseable {

  private final Supplier<HealthReport> reports;
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
  private final HealthListener listener = new HealthListener() {
    @Override
    public void onReport(HealthReport report) {
      publish(report);
    }
  };
  private volatile boolean closed;

  private final dev.vitals.api.Clock clock;

  private VitalsHealthService(Supplier<HealthReport> reports, dev.vitals.api.Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  /**
   * A health service over a monitor's reports.
   *
   * @param reports the latest report, read on every call (a monitor's {@code report()}); must not block
   * @param registration registers {@link #listener()} with the monitor (an exporter context's
   *     {@code addListener}, or a list whose listeners the monitor's builder was given); called once, at once
   * @return the service, to add to a gRPC server
   * @throws NullPointerException if an argument is null
   */
  public static VitalsHealthService of(Supplier<HealthReport> reports, Consumer<? super HealthListener> registration) {
    return of(reports, registration, dev.vitals.api.Clock.system());
  }

  /**
   * A health service over a monitor's reports, judging the engine's heartbeat
   * ({@link HealthReport#stalled}) on the monitor's clock.
   *
   * @param reports the latest report, read on every call (a monitor's {@code report()}); must not block
   * @param registration registers {@link #listener()} with the monitor; called once, at once
   * @param clock the monitor's clock
   * @return the service, to add to a gRPC server
   * @throws NullPointerException if an argument is null
   */
  public static VitalsHealthService of(Supplier<HealthReport> reports, Consumer<? super HealthListener> registration,
      dev.vitals.api.Clock clock) {
    Objects.requireNonNull(reports, "reports");
    Objects.requireNonNull(registration, "registration");
    VitalsHealthService service = new VitalsHealthService(reports, Objects.requireNonNull(clock, "clock"));
    registration.accept(service.listener);
    return service;
  }

  /**
   * The listener that pushes changes to {@code Watch} streams; registered by {@link #of} already.
   *
   * @return the listener; it ignores what arrives after {@link #close()}
   */
  public HealthListener listener() {
    return listener;
  }

  /**
   * The service definition of {@code grpc.health.v1.Health}.
   *
   * @return the definition to add to a server
   */
  @Override
  public ServerServiceDefinition bindService() {
    return HealthGrpc.bindService(new Impl());
  }

  /**
   * Ends every {@code Watch} stream with {@code UNAVAILABLE} and ignores later reports; {@code Check} still
   * answers while the server runs. Idempotent, never throws.
   */
  @Override
  public void close() {
    closed = true;
    for (Watcher w : watchers) {
      w.end();
    }
    watchers.clear();
  }

  /** How many {@code Watch} streams are open. */
  int watchers() {
    return watchers.size();
  }

  private void publish(HealthReport report) {
    if (closed || report == null) {
      return;
    }
    for (Watcher w : watchers) {
      w.offer(report);
    }
  }

  private static HealthCheckResponse response(ServingStatus status) {
    return HealthCheckResponse.newBuilder().setStatus(status).build();
  }

  @Override
  public String toString() {
    return "VitalsHealthService[" + watchers.size() + " watchers" + (closed ? ", closed" : "") + "]";
  }

  private final class Impl implements HealthGrpc.AsyncService {

    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
      ServingStatus status = HealthAnswers.of(reports.get(), request.getService(), clock.instant());
      if (status == null) {
        observer.onError(Status.NOT_FOUND.withDescription("unknown service '" + request.getService()
            + "': expected '', liveness, readiness, startup or a probe's name").asRuntimeException());
        return;
      }
      observer.onNext(response(status));
      observer.onCompleted();
    }

    @Override
    public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
      if (closed) {
        observer.onError(Status.UNAVAILABLE.withDescription("the health service is closed").asRuntimeException());
        return;
      }
      ServerCallStreamObserver<HealthCheckResponse> call = (ServerCallStreamObserver<HealthCheckResponse>) observer;
      Watcher w = new Watcher(request.getService(), call);
      call.setOnCancelHandler(() -> watchers.remove(w));
      call.setOnReadyHandler(w::flush);
      watchers.add(w);
      w.offer(reports.get());
      if (closed) {
        watchers.remove(w);
        w.end();
      }
    }
  }

  /** One open Watch stream: sends a status when it differs from the last one sent, once the client is ready. */
  private static final class Watcher {
    private final String service;
    private final ServerCallStreamObserver<HealthCheckResponse> call;
    private ServingStatus sent;
    private ServingStatus pending;
    private boolean ended;

    Watcher(String service, ServerCallStreamObserver<HealthCheckResponse> call) {
      this.service = service;
      this.call = call;
    }

    synchronized void offer(HealthReport report) {
      // a report just published is never overdue: judged at its own time
      ServingStatus status = HealthAnswers.of(report, service, report.time());
      pending = status == null ? ServingStatus.SERVICE_UNKNOWN : status;
      flush();
    }

    synchronized void flush() {
      if (ended || pending == null || call.isCancelled()) {
        return;
      }
      if (pending == sent) {
        pending = null;
        return;
      }
      if (call.isReady() || sent == null) {
        call.onNext(response(pending));
        sent = pending;
        pending = null;
      }
    }

    synchronized void end() {
      if (ended) {
        return;
      }
      ended = true;
      if (!call.isCancelled()) {
        try {
          call.onError(Status.UNAVAILABLE.withDescription("the health service is closing").asRuntimeException());
        } catch (RuntimeException e) {
          // the call ended meanwhile
        }
      }
    }
  }
}
