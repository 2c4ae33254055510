package dev.vitals.probes.grpc;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Redaction;
import dev.vitals.api.Status;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A probe of type {@code grpc}: one {@code grpc.health.v1.Health/Check} call per run, on a channel kept
 * between runs while the server answers. See the module's README for keys, statuses and messages.
 *
 * <p>The engine never runs two checks at once; {@link #close()} may come from another thread, so the
 * channel is guarded by a lock. Thread-safe.
 */
final class GrpcProbe implements Probe, AutoCloseable {

  static final String TYPE = "grpc";
  static final String METHOD = "grpc.health.v1.Health/Check";
  /** Health answers are a few bytes; anything larger is not a health answer. */
  private static final int MAX_INBOUND_BYTES = 64 * 1024;

  private final String name;
  private final GrpcTarget target;
  private final Duration timeout;
  private final long deadlineNanos;
  private final ProbeDefaults defaults;
  private final HealthCheckRequest request;
  private final Object lock = new Object();
  private ManagedChannel channel;

  GrpcProbe(String name, GrpcTarget target, Duration timeout) {
    this.name = name;
    this.target = target;
    this.timeout = timeout;
    this.deadlineNanos = ownDeadline(timeout);
    this.defaults = ProbeDefaults.builder().budget(LatencyBudget.API).timeout(timeout).build();
    this.request = HealthCheckRequest.newBuilder().setService(target.service).build();
  }

  /** The call's deadline: the probe's timeout less a tenth of it, at most 100 ms, so the probe's message wins. */
  static long ownDeadline(Duration timeout) {
    long t = timeout.toNanos();
    return t - Math.min(t / 10, TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ProbeDefaults defaults() {
    return defaults;
  }

  @Override
  public ProbeResult check() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before the check started");
    }
    ManagedChannel ch = channel();
    HealthCheckResponse response;
    try {
      response = HealthGrpc.newBlockingStub(ch).withDeadlineAfter(deadlineNanos, TimeUnit.NANOSECONDS).check(request);
    } catch (StatusRuntimeException e) {
      if (Thread.interrupted() || e.getStatus().getCause() instanceof InterruptedException) {
        discard(ch);
        throw new InterruptedException("interrupted while waiting for " + METHOD + " on " + target.address());
      }
      io.grpc.Status.Code code = e.getStatus().getCode();
      if (code == io.grpc.Status.Code.UNAVAILABLE || code == io.grpc.Status.Code.DEADLINE_EXCEEDED) {
        // a fresh channel next run: it connects at once instead of waiting out a reconnect back-off
        discard(ch);
      }
      return failure(e.getStatus()).detail("code", code.name()).build();
    }
    HealthCheckResponse.ServingStatus serving = response.getStatus();
    ProbeResult.Builder b;
    switch (serving) {
      case SERVING:
        b = ProbeResult.builder(Status.UP).message(target.address() + " is SERVING" + forService());
        break;
      case NOT_SERVING:
        b = ProbeResult.builder(Status.DOWN).message(target.address() + " answered NOT_SERVING" + forService());
        break;
      case SERVICE_UNKNOWN:
        b = ProbeResult.builder(Status.DOWN).message(target.address() + " answered SERVICE_UNKNOWN: it does not know the service '"
            + target.service + "'");
        break;
      default:
        // UNKNOWN (the server does not know its own status) and values newer than this client: not
        // serving, as Kubernetes and grpc-health-probe read them
        b = ProbeResult.builder(Status.DOWN).message(target.address() + " answered " + serving
            + forService() + ": only SERVING is healthy");
        break;
    }
    return details(b).detail("servingStatus", serving.name()).build();
  }

  private String forService() {
    return target.service.isEmpty() ? " (the server as a whole)" : " for service '" + target.service + "'";
  }

  private ProbeResult.Builder failure(io.grpc.Status status) {
    String where = target.address();
    String message;
    Throwable cause = status.getCause();
    switch (status.getCode()) {
      case DEADLINE_EXCEEDED:
        message = "deadline exceeded after " + format(Duration.ofNanos(deadlineNanos)) + " waiting for " + METHOD
            + " on " + where + " (timeout " + format(timeout) + ")";
        break;
      case NOT_FOUND:
        message = "service '" + target.service + "' is unknown to " + where + " (NOT_FOUND)";
        break;
      case UNIMPLEMENTED:
        message = where + " does not implement " + METHOD + " (UNIMPLEMENTED): the server has no health service";
        break;
      case UNAVAILABLE:
        message = unavailable(where, status);
        break;
      default:
        message = where + " answered " + status.getCode()
            + (status.getDescription() == null ? "" : ": " + status.getDescription())
            + (cause == null ? "" : " (" + cause + ")");
        break;
    }
    return details(ProbeResult.builder(Status.DOWN).message(Redaction.redact(message)));
  }

  private String unavailable(String where, io.grpc.Status status) {
    for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "unknown host '" + target.host + "': the name does not resolve";
      }
      if (t instanceof SSLException) {
        return "TLS handshake with " + where + " failed: " + t.getMessage();
      }
      if (t instanceof ConnectException) {
        String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return text.contains("refused") || t.getMessage() == null
            ? "connection refused by " + where
            : "cannot connect to " + where + ": " + t.getMessage();
      }
    }
    return where + " is unavailable" + (status.getDescription() == null ? "" : ": " + status.getDescription())
        + (status.getCause() == null ? "" : " (" + status.getCause() + ")");
  }

  private ProbeResult.Builder details(ProbeResult.Builder b) {
    b.detail("host", target.host).detail("port", target.port).detail("service", target.service).detail("tls", target.tls);
    if (target.authority != null) {
      b.detail("authority", target.authority);
    }
    return b;
  }

  private ManagedChannel channel() {
    synchronized (lock) {
      if (channel == null) {
        ManagedChannelBuilder<?> b = Grpc.newChannelBuilderForAddress(target.host, target.port, target.credentials)
            .userAgent("vitals-grpc-probe")
            .maxInboundMessageSize(MAX_INBOUND_BYTES)
            .disableRetry();
        if (target.authority != null) {
          b.overrideAuthority(target.authority);
        }
        channel = b.build();
      }
      return channel;
    }
  }

  private void discard(ManagedChannel ch) {
    synchronized (lock) {
      if (channel == ch) {
        channel = null;
      }
    }
    ch.shutdownNow();
  }

  /** Shuts the channel down; a later check opens a new one. Idempotent, never throws. */
  @Override
  public void close() {
    ManagedChannel c;
    synchronized (lock) {
      c = channel;
      channel = null;
    }
    if (c != null) {
      c.shutdownNow();
      try {
        c.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 && ms > 0 ? ms / 1000 + "s" : ms + "ms";
  }

  @Override
  public String toString() {
    return "GrpcProbe[" + name + ", " + (target.tls ? "grpcs://" : "grpc://") + target.address()
        + (target.service.isEmpty() ? "" : ", service " + target.service) + "]";
  }
}
