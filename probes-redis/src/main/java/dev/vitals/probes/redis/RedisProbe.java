package dev.vitals.probes.redis;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A probe of one Redis server: PING, then INFO for what matters to health.
 *
 * <p><b>Status.</b> {@code DOWN} when PING fails, with a message that says what failed (connection
 * refused, unknown host, authentication, TLS, no answer in time) and never a password.
 * {@code DEGRADED} when {@code used_memory} is above a share of {@code maxmemory}
 * ({@link Builder#memoryDegradedShare(double)}, 0.9 by default), or when the server is a replica
 * whose link to its master is down ({@link Builder#replicaLinkDown(Status)}: {@code DEGRADED} by
 * default, since a replica still answers, with data that may be stale). {@code UP} otherwise. If
 * the user may PING but not INFO (an ACL user), the result is {@code UP} and says so. Slowness is
 * judged by the engine against {@link #defaults()}' budget.
 *
 * <p><b>Details.</b> {@code version}, {@code mode}, {@code role} ({@code master} or {@code replica}),
 * {@code uptimeSeconds}, {@code connectedClients}, {@code blockedClients}, {@code usedMemoryBytes},
 * {@code maxMemoryBytes} (0: no limit), {@code memoryShare} (0 to 1, when a limit is set),
 * {@code maxMemoryPolicy}; on a master {@code connectedReplicas}; on a replica {@code masterHost},
 * {@code masterPort}, {@code masterLinkStatus}, {@code masterSyncInProgress}, and
 * {@code masterLastIoSeconds} or {@code masterLinkDownSeconds}; from a URI also {@code database}
 * and {@code tls}; on failure {@code failedStep} ({@code connect}, {@code PING} or {@code INFO}).
 *
 * <p><b>Clients.</b> From a URI ({@link #of(String, String)}) the probe keeps one Jedis connection of
 * its own, opened on the first run (never when built), reused by the next runs, and closed and
 * rebuilt after a failure. Its connect timeout and its socket's read timeouts are derived from a
 * deadline at 90 % of the probe's timeout, and no read may end past it, so a run gives up on its own
 * before the engine's timeout even when the server is frozen or answers byte by byte.
 * Over a client the service already has, build it with {@link JedisProbes} (a Jedis
 * {@code UnifiedJedis}) or {@link LettuceProbes} (a Lettuce connection): the probe uses that
 * client as it is and never closes it. This class names neither library in its signatures, so a
 * framework that inspects it needs only the library the service uses; Lettuce is an optional
 * dependency and the Lettuce path loads no Jedis class.
 *
 * <p><b>Threading.</b> Thread-safe: runs are serialised by a lock (a run waits at most its own budget
 * for a previous one to end). {@link #close()} releases the probe's own connection.
 */
public final class RedisProbe implements Probe, AutoCloseable {

  /** The probe's type in reports and configuration: {@value}. */
  public static final String TYPE = "redis";

  /** Above this share of {@code maxmemory} in use the probe reports {@code DEGRADED}: 0.9. */
  public static final double DEFAULT_MEMORY_DEGRADED_SHARE = 0.9;

  /** The timeout when none is given: 2 s, the engine's default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * The default latency budget: 10 ms target, 100 ms acceptable. PING and INFO are answered from
   * memory, so a healthy run takes about a millisecond on a local network (0.7 to 8 ms measured on a
   * busy 2-core machine): a run above 10 ms loses score. The acceptable limit is looser because one
   * run may legitimately include a reconnect with a TLS handshake, a GC pause of the service, or on
   * the very first run the loading of the client's classes (about 50 ms measured); above 100 ms the
   * engine marks the run {@code DEGRADED}, which for Redis means a saturated server, a blocking
   * command, swapping or a bad network.
   */
  public static final LatencyBudget DEFAULT_BUDGET = LatencyBudget.of(Duration.ofMillis(10), Duration.ofMillis(100));


  private final String name;
  private final RedisClient client;
  private final RedisHealth health;
  private final Duration timeout;
  private final long callBudgetNanos;
  private final ProbeDefaults defaults;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;

  private RedisProbe(Builder b, RedisClient client) {
    this.name = b.name;
    this.client = client;
    this.health = new RedisHealth(b.memoryDegradedShare, b.replicaLinkDown);
    this.timeout = b.timeout;
    this.callBudgetNanos = Math.max(1, b.timeout.toNanos() / 10 * 9);
    this.defaults = ProbeDefaults.builder().timeout(b.timeout).budget(b.budget).build();
  }

  /**
   * A probe of the server a URI names, with its own connection and the defaults.
   *
   * @param name the probe's name: {@value dev.vitals.api.Names#RULE}
   * @param uri {@code redis[s]://[[user]:password@]host[:port][/database]}
   * @return the probe; nothing is connected yet
   * @throws IllegalArgumentException if the name or the URI is not allowed (the message masks the
   *     URI's user-info)
   */
  public static RedisProbe of(String name, String uri) {
    return builder(name).uri(uri).build();
  }

  /**
   * A builder, to choose the timeout, budget and thresholds.
   *
   * @param name the probe's name: {@value dev.vitals.api.Names#RULE}
   * @return a new builder
   * @throws IllegalArgumentException if the name does not follow {@link dev.vitals.api.Names#RULE}
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * The probe's timeout and its budget ({@link #DEFAULT_BUDGET} unless another was given).
   *
   * @return the defaults
   */
  @Override
  public ProbeDefaults defaults() {
    return defaults;
  }

  /**
   * The timeout the probe's own limits are derived from.
   *
   * @return the timeout, positive
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Sends PING and INFO and judges the answers. Returns within 90 % of the timeout when the
   * probe owns its connection or uses Lettuce; over a Jedis client, that client's timeouts apply.
   *
   * @return the result, never null; failures are {@code DOWN} results, not exceptions
   * @throws InterruptedException if interrupted while waiting for Lettuce or for a previous run
   */
  @Override
  public ProbeResult check() throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + callBudgetNanos;
    if (!lock.tryLock(callBudgetNanos, TimeUnit.NANOSECONDS)) {
      return ProbeResult.down("redis at " + client.target() + ": a previous check of this probe is still running");
    }
    try {
      if (closed) {
        return ProbeResult.down("redis probe '" + name + "' is closed");
      }
      String pong;
      try {
        pong = client.ping(deadline);
      } catch (InterruptedException e) {
        client.reset();
        throw e;
      } catch (Exception e) {
        client.reset();
        return failure("PING", e, start);
      }
      if (pong == null || !pong.equalsIgnoreCase("PONG")) {
        return ProbeResult.down("redis at " + client.target() + ": PING answered '" + pong + "' instead of PONG");
      }
      String info;
      try {
        info = client.info(deadline);
      } catch (ErrorReply e) {
        ProbeResult.Builder up = ProbeResult.builder(Status.UP)
            .message("redis at " + client.target() + " answers PING; INFO refused: " + e.getMessage());
        client.addDetails(up);
        return up.detail("info", "refused").build();
      } catch (InterruptedException e) {
        client.reset();
        throw e;
      } catch (Exception e) {
        client.reset();
        return failure("INFO", e, start);
      }
      return health.evaluate(RedisHealth.parseInfo(info), client);
    } finally {
      lock.unlock();
    }
  }

  private ProbeResult failure(String command, Exception e, long start) {
    String step = e instanceof StepFailure ? ((StepFailure) e).step : command;
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    ProbeResult.Builder result = ProbeResult.builder(Status.DOWN)
        .message("redis at " + client.target() + ": " + Failures.describe(step, e, elapsed, client.user()))
        .error(cause);
    client.addDetails(result);
    return result.detail("failedStep", step).build();
  }

  /**
   * Closes the probe's own connection (a client the service owns stays open). Later runs report
   * {@code DOWN}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    boolean locked = false;
    try {
      locked = lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      client.close();
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  /** Whether Jedis can be loaded, without loading it. */
  static boolean jedisPresent() {
    try {
      Class.forName("redis.clients.jedis.Jedis", false, RedisProbe.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
  @Override
  public String toString() {
    return "RedisProbe[" + name + ", " + client + "]";
  }

  /**
   * Builds a {@link RedisProbe}. Each argument is checked at once; each setting may be given once;
   * exactly one target is required: {@link #uri(String)} here, or the client given to
   * {@link JedisProbes#builder(String, redis.clients.jedis.UnifiedJedis)} or
   * {@link LettuceProbes#builder(String, io.lettuce.core.api.StatefulRedisConnection)}. {@link #build()} may be called more
   * than once: each probe from a URI gets its own connection. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private Function<Builder, RedisClient> target;
    private RedisUri uri;
    private String username;
    private String password;
    private SSLContext sslContext;
    private Duration timeout;
    private LatencyBudget budget;
    private Double memoryDegradedShare;
    private Status replicaLinkDown;

    private Builder(String name) {
      this.name = Names.check(name, "probe");
    }

    /**
     * Targets the server a URI names; the probe keeps one connection of its own (Jedis).
     *
     * @param uri {@code redis[s]://[[user]:password@]host[:port][/database]}; user and password are
     *     percent-decoded
     * @return this builder
     * @throws IllegalArgumentException if the URI is not allowed (the message masks its user-info)
     * @throws IllegalStateException if a target was already given
     */
    public Builder uri(String uri) {
      RedisUri parsed = RedisUri.parse(Objects.requireNonNull(uri, "uri"), "uri");
      setTarget(b -> {
        if (!jedisPresent()) {
          throw new IllegalStateException("a probe from a URI needs Jedis (redis.clients:jedis) on the class path;"
              + " with Lettuce only, use LettuceProbes.of(name, connection)");
        }
        return new OwnedJedisClient(b.credentials(), b.tlsContext(), "vitals:" + b.name,
            (int) Math.min(Integer.MAX_VALUE, b.timeout.toMillis()));
      }, "uri");
      this.uri = parsed;
      return this;
    }

    /**
     * The user to authenticate as, when the URI names none. Only with {@link #uri(String)}.
     *
     * @param username an ACL user name, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if already set
     */
    public Builder username(String username) {
      requireUnset(this.username, "username");
      this.username = notBlank(username, "username");
      return this;
    }

    /**
     * The password, when the URI carries none (so it can come from a secret store). Only with
     * {@link #uri(String)}.
     *
     * @param password the password, not blank; never shown
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if already set
     */
    public Builder password(String password) {
      requireUnset(this.password, "password");
      this.password = notBlank(password, "password");
      return this;
    }

    /**
     * The TLS context for a {@code rediss://} URI, such as one trusting a private CA. By default the
     * JVM's ({@link SSLContext#getDefault()}). The host name is always verified.
     *
     * @param sslContext the context, not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder sslContext(SSLContext sslContext) {
      requireUnset(this.sslContext, "sslContext");
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * The probe's timeout: suggested to the engine, and the source of the connect and socket
     * timeouts of the probe's own connection (the run gives up at 90 % of it).
     *
     * @param timeout positive; {@link #DEFAULT_TIMEOUT} by default
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder timeout(Duration timeout) {
      requireUnset(this.timeout, "timeout");
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() < 1) {
        throw new IllegalArgumentException("timeout must be at least 1ms, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The latency budget suggested to the engine.
     *
     * @param budget not null; {@link #DEFAULT_BUDGET} by default
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder budget(LatencyBudget budget) {
      requireUnset(this.budget, "budget");
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * The share of {@code maxmemory} above which the server is {@code DEGRADED}. Ignored when the
     * server has no {@code maxmemory}.
     *
     * @param share above 0 and at most 1; {@link #DEFAULT_MEMORY_DEGRADED_SHARE} by default
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder memoryDegradedShare(double share) {
      requireUnset(this.memoryDegradedShare, "memoryDegradedShare");
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException("memoryDegradedShare must be above 0 and at most 1, was " + share);
      }
      this.memoryDegradedShare = share;
      return this;
    }

    /**
     * The status of a replica whose link to its master is down.
     *
     * @param status {@link Status#DEGRADED} (the default: it still answers, with data that may be
     *     stale) or {@link Status#DOWN} (when stale data is as bad as none)
     * @return this builder
     * @throws IllegalArgumentException if another status
     * @throws IllegalStateException if already set
     */
    public Builder replicaLinkDown(Status status) {
      requireUnset(this.replicaLinkDown, "replicaLinkDown");
      Objects.requireNonNull(status, "status");
      if (status != Status.DEGRADED && status != Status.DOWN) {
        throw new IllegalArgumentException("replicaLinkDown must be DEGRADED or DOWN, was " + status);
      }
      this.replicaLinkDown = status;
      return this;
    }

    /**
     * Builds the probe. Opens no connection.
     *
     * @return a new probe
     * @throws IllegalStateException if no target was given, or a URI-only setting was given with a
     *     client, or a credential was given both in the URI and separately, or a URI is the target
     *     and Jedis is not on the class path
     */
    public RedisProbe build() {
      if (target == null) {
        throw new IllegalStateException("no target: give uri(...), or start from JedisProbes.builder(...)"
            + " or LettuceProbes.builder(...)");
      }
      if (uri == null && (username != null || password != null || sslContext != null)) {
        throw new IllegalStateException("username, password and sslContext apply to uri(...) only;"
            + " a client the service has is already configured");
      }
      if (uri != null) {
        if (username != null && uri.user != null) {
          throw new IllegalStateException("the user is given twice: in the URI and with username()");
        }
        if (password != null && uri.password != null) {
          throw new IllegalStateException("the password is given twice: in the URI and with password()");
        }
        if (sslContext != null && !uri.tls) {
          throw new IllegalStateException("sslContext needs a rediss:// URI, was " + uri);
        }
      }
      Builder settled = copyWithDefaults();
      return new RedisProbe(settled, target.apply(settled));
    }

    private Builder copyWithDefaults() {
      Builder b = new Builder(name);
      b.target = target;
      b.uri = uri;
      b.username = username;
      b.password = password;
      b.sslContext = sslContext;
      b.timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
      b.budget = budget == null ? DEFAULT_BUDGET : budget;
      b.memoryDegradedShare = memoryDegradedShare == null ? DEFAULT_MEMORY_DEGRADED_SHARE : memoryDegradedShare;
      b.replicaLinkDown = replicaLinkDown == null ? Status.DEGRADED : replicaLinkDown;
      return b;
    }

    private RedisUri credentials() {
      return uri.withCredentials(username != null ? username : uri.user, password != null ? password : uri.password);
    }

    private SSLContext tlsContext() {
      if (!uri.tls) {
        return null;
      }
      if (sslContext != null) {
        return sslContext;
      }
      try {
        return SSLContext.getDefault();
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no default TLS context", e);
      }
    }

    /**
     * Sets the target from an adapter (the client-specific entry points use it).
     *
     * @param newTarget makes the client from the settled builder
     * @param what the target's name, for errors
     * @return this builder
     */
    Builder target(Function<Builder, RedisClient> newTarget, String what) {
      setTarget(newTarget, what);
      return this;
    }

    private void setTarget(Function<Builder, RedisClient> newTarget, String what) {
      if (target != null) {
        throw new IllegalStateException("a target was already given; " + what + "(...) cannot be added");
      }
      target = newTarget;
    }

    private static void requireUnset(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set");
      }
    }

    private static String notBlank(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }
  }
}
