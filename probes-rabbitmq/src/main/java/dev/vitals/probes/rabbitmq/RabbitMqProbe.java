package dev.vitals.probes.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Command;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;

/**
 * A probe of one RabbitMQ server over AMQP 0-9-1: one connection of its own, reused between runs
 * and reopened by the probe itself after a failure (the client's automatic recovery is off). Each
 * run makes one round trip to the server: {@code queue.declare} (passive) of the configured queue,
 * or {@code basic.qos} when there is none.
 *
 * <p>Every client limit (TCP connect, AMQP handshake, channel RPCs) is set from what is left of
 * the run's budget, 90 % of the probe's timeout, so the probe gives up before the engine does.
 * Thread-safe: runs are serialised.
 */
final class RabbitMqProbe implements Probe, AutoCloseable {

  static final String TYPE = "rabbitmq";
  /** A round trip to a broker on a live connection: a few milliseconds. */
  static final LatencyBudget DEFAULT_BUDGET = LatencyBudget.of(Duration.ofMillis(10), Duration.ofMillis(100));

  /** The settings a probe is built from, checked by the factory. */
  record Settings(String name, AmqpUrl url, String queue, Long maxDepth, Integer minConsumers, Duration timeout,
      SSLContext sslContext) {}

  private final Settings settings;
  private final long budgetNanos;
  private final ProbeDefaults defaults;
  private final ThreadFactory threads;
  private final ReentrantLock lock = new ReentrantLock();
  private final String step;
  private volatile Connection connection;
  private volatile Channel channel;
  private volatile boolean closed;

  RabbitMqProbe(Settings settings) {
    this.settings = settings;
    this.budgetNanos = Math.max(1, settings.timeout().toNanos() / 10 * 9);
    this.defaults = ProbeDefaults.builder().timeout(settings.timeout()).budget(DEFAULT_BUDGET).build();
    this.step = settings.queue() == null ? "basic.qos" : "queue.declare (passive) of '" + settings.queue() + "'";
    AtomicInteger count = new AtomicInteger();
    String prefix = "vitals-rabbitmq-" + settings.name() + "-";
    this.threads = r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ProbeDefaults defaults() {
    return defaults;
  }

  /**
   * Connects when needed, then makes one round trip.
   *
   * @return the result; failures are {@code DOWN} results, not exceptions
   * @throws InterruptedException if interrupted while waiting for the server or a previous run
   */
  @Override
  public ProbeResult check() throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + budgetNanos;
    if (!lock.tryLock(budgetNanos, TimeUnit.NANOSECONDS)) {
      return ProbeResult.down(prefix() + "a previous check of this probe is still running");
    }
    try {
      if (closed) {
        return ProbeResult.down("rabbitmq probe '" + name() + "' is closed");
      }
      Duration connectTime = null;
      if (connection == null || !connection.isOpen()) {
        drop();
        try {
          connection = connect(deadline);
        } catch (Exception e) {
          drop();
          return failure(Failures.CONNECT, e, start);
        }
        connectTime = Duration.ofNanos(System.nanoTime() - start);
        if (closed) { // close() gave up waiting for this run
          drop();
          return ProbeResult.down("rabbitmq probe '" + name() + "' is closed");
        }
      }
      if (channel == null || !channel.isOpen()) {
        try {
          channel = connection.createChannel();
        } catch (Exception e) {
          drop();
          return failure("channel.open", e, start);
        }
        if (channel == null) {
          drop();
          return ProbeResult.down(prefix() + "the server allows no further channel on this connection");
        }
      }
      Command reply;
      try {
        CompletableFuture<Command> answer = channel.asyncCompletableRpc(roundTrip());
        reply = answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        drop();
        throw e;
      } catch (ExecutionException e) {
        return rpcFailure(e.getCause(), start, connectTime);
      } catch (TimeoutException | RuntimeException | java.io.IOException e) {
        drop();
        return failure(step, e, start);
      }
      return judge(reply, connectTime);
    } finally {
      lock.unlock();
    }
  }

  private Method roundTrip() {
    if (settings.queue() == null) {
      return new AMQP.Basic.Qos.Builder().prefetchSize(0).prefetchCount(0).global(false).build();
    }
    return new AMQP.Queue.Declare.Builder().queue(settings.queue()).passive(true).build();
  }

  private Connection connect(long deadline) throws Exception {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    AmqpUrl url = settings.url();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(url.host);
    factory.setPort(url.port);
    factory.setVirtualHost(url.vhost);
    if (url.user != null) {
      factory.setUsername(url.user);
    }
    if (url.password != null) {
      factory.setPassword(url.password);
    }
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    factory.setConnectionTimeout(millis);
    factory.setHandshakeTimeout(millis);
    factory.setChannelRpcTimeout(millis);
    factory.setThreadFactory(threads);
    if (settings.sslContext() != null) {
      factory.useSslProtocol(settings.sslContext());
      factory.enableHostnameVerification();
    }
    return factory.newConnection("vitals:" + name());
  }

  private ProbeResult rpcFailure(Throwable cause, long start, Duration connectTime) {
    if (cause instanceof ShutdownSignalException) {
      ShutdownSignalException signal = (ShutdownSignalException) cause;
      int code = Failures.channelReplyCode(signal);
      if (code == AMQP.NOT_FOUND && settings.queue() != null) {
        // the server closed the channel only; the connection stays for the next run
        channel = null;
        return withServer(ProbeResult.builder(Status.DOWN), connectTime)
            .message(prefix() + "queue '" + settings.queue() + "' does not exist in vhost '" + settings.url().vhost
                + "' (" + Failures.replyText(signal) + ")")
            .detail("queue", settings.queue())
            .detail("failedStep", "queue.declare")
            .build();
      }
      if (code == AMQP.ACCESS_REFUSED) {
        channel = null;
        return withServer(ProbeResult.builder(Status.DOWN), connectTime)
            .message(prefix() + "user '" + user() + "' may not " + step + " (" + Failures.replyText(signal) + ")")
            .detail("failedStep", step)
            .build();
      }
    }
    drop();
    return failure(step, cause, start);
  }

  private ProbeResult judge(Command reply, Duration connectTime) {
    Method method = reply.getMethod();
    if (settings.queue() == null) {
      ProbeResult.Builder up = withServer(ProbeResult.builder(Status.UP), connectTime);
      return up.message(prefix() + describeServer()).build();
    }
    if (!(method instanceof AMQP.Queue.DeclareOk)) {
      drop();
      return ProbeResult.down(prefix() + "queue.declare was answered with " + method.protocolMethodName());
    }
    AMQP.Queue.DeclareOk ok = (AMQP.Queue.DeclareOk) method;
    long depth = Integer.toUnsignedLong(ok.getMessageCount());
    long consumers = Integer.toUnsignedLong(ok.getConsumerCount());
    StringBuilder problems = new StringBuilder();
    if (settings.maxDepth() != null && depth > settings.maxDepth()) {
      problems.append("queue '").append(settings.queue()).append("' holds ").append(depth)
          .append(depth == 1 ? " message" : " messages").append(", above max-depth ").append(settings.maxDepth());
    }
    if (settings.minConsumers() != null && consumers < settings.minConsumers()) {
      problems.append(problems.length() == 0 ? "" : "; ").append("queue '").append(settings.queue()).append("' has ")
          .append(consumers).append(consumers == 1 ? " consumer" : " consumers").append(", below min-consumers ")
          .append(settings.minConsumers());
    }
    Status status = problems.length() == 0 ? Status.UP : Status.DEGRADED;
    String message = problems.length() == 0
        ? describeServer() + "; queue '" + settings.queue() + "': " + depth + (depth == 1 ? " message, " : " messages, ")
            + consumers + (consumers == 1 ? " consumer" : " consumers")
        : problems.toString();
    return withServer(ProbeResult.builder(status), connectTime)
        .message(prefix() + message)
        .detail("queue", settings.queue())
        .detail("depth", depth)
        .detail("consumers", consumers)
        .build();
  }

  private ProbeResult.Builder withServer(ProbeResult.Builder result, Duration connectTime) {
    if (connectTime != null) {
      result.connectTime(connectTime);
    }
    String version = serverProperty("version");
    if (version != null) {
      result.detail("version", version);
    }
    String product = serverProperty("product");
    if (product != null) {
      result.detail("product", product);
    }
    String cluster = serverProperty("cluster_name");
    if (cluster != null) {
      result.detail("cluster", cluster);
    }
    return result;
  }

  private String describeServer() {
    String product = serverProperty("product");
    String version = serverProperty("version");
    return (product == null ? "AMQP server" : product) + (version == null ? "" : " " + version) + " answers";
  }

  private String serverProperty(String key) {
    Connection c = connection;
    if (c == null) {
      return null;
    }
    Map<String, Object> properties = c.getServerProperties();
    Object value = properties == null ? null : properties.get(key);
    return value == null ? null : value.toString();
  }

  private ProbeResult failure(String failedStep, Throwable e, long start) {
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return ProbeResult.builder(Status.DOWN)
        .message(prefix() + Failures.describe(failedStep, e, elapsed, user()))
        .error(e)
        .detail("failedStep", failedStep.startsWith("queue.declare") ? "queue.declare" : failedStep)
        .build();
  }

  private String prefix() {
    return "rabbitmq at " + settings.url().target() + ": ";
  }

  private String user() {
    return settings.url().user == null ? ConnectionFactory.DEFAULT_USER : settings.url().user;
  }

  /** Forgets the connection, closing its socket at once (the server may be the reason it failed). */
  private void drop() {
    Connection c = connection;
    connection = null;
    channel = null;
    if (c != null) {
      c.abort(0);
    }
  }

  /**
   * Closes the connection, waiting at most 90 % of the timeout for the server's goodbye. Later runs
   * report {@code DOWN}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    boolean locked = false;
    try {
      locked = lock.tryLock(budgetNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Connection c = connection;
      connection = null;
      channel = null;
      if (c != null) {
        c.abort((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(budgetNanos))));
      }
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  @Override
  public String toString() {
    return "RabbitMqProbe[" + name() + ", " + settings.url()
        + (settings.queue() == null ? "" : ", queue '" + settings.queue() + "'") + "]";
  }
}
