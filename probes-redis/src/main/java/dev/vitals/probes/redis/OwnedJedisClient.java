package dev.vitals.probes.redis;

import dev.vitals.api.ProbeResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The probe's own connection, from a URI: one Jedis connection, opened on the first run, reused by
 * the next ones, closed and rebuilt after a failure.
 *
 * <p>Every wait ends by the run's deadline: the TCP connect gets the time left as its timeout, and
 * the socket under Jedis ({@link DeadlineSocket}, TLS included) lets no read go past the deadline,
 * whatever the server does. Confined to the probe's lock.
 */
final class OwnedJedisClient implements RedisClient {

  private final RedisUri uri;
  private final SSLContext sslContext;
  private final String clientName;
  private final int socketTimeoutMillis;
  private Jedis jedis;
  private DeadlineSocket socket;
  /** How long the connection opened in this run took to open, or -1 when the run reused one. */
  private long connectNanos = -1;

  OwnedJedisClient(RedisUri uri, SSLContext sslContext, String clientName, int socketTimeoutMillis) {
    this.uri = uri;
    this.sslContext = sslContext;
    this.clientName = clientName;
    this.socketTimeoutMillis = socketTimeoutMillis;
  }

  @Override
  public String ping(long deadlineNanos) throws Exception {
    Jedis j = connection(deadlineNanos);
    try {
      return j.ping();
    } catch (JedisDataException e) {
      throw new ErrorReply(e);
    }
  }

  @Override
  public String info(long deadlineNanos) throws Exception {
    Jedis j = connection(deadlineNanos);
    try {
      return j.info();
    } catch (JedisDataException e) {
      throw new ErrorReply(e);
    }
  }

  private Jedis connection(long deadlineNanos) throws Exception {
    Jedis j = jedis;
    if (j != null && j.isConnected() && !j.isBroken()) {
      socket.deadline(deadlineNanos);
      return j;
    }
    reset();
    if (TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()) < 1) {
      throw new StepFailure("connect", new TimeoutException("no time left to connect before the probe's timeout"));
    }
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .socketTimeoutMillis(socketTimeoutMillis)
        .database(uri.database)
        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
        .autoNegotiateProtocol(false); // PING and INFO need RESP2 only; negotiating logs a warning per connection
    if (uri.user != null) {
      config.user(uri.user);
    }
    if (uri.password != null) {
      config.password(uri.password);
    }
    long t0 = System.nanoTime();
    BoundedSocketFactory factory = new BoundedSocketFactory(uri, sslContext, deadlineNanos);
    try {
      j = new Jedis(factory, config.build());
    } catch (JedisConnectionException e) {
      throw new StepFailure("connect", e);
    } catch (JedisDataException e) {
      throw new StepFailure("connect", new ErrorReply(e));
    }
    jedis = j;
    socket = factory.socket();
    try {
      j.clientSetname(clientName);
    } catch (JedisDataException e) {
      // An ACL user may lack CLIENT SETNAME; the name only helps operators, so go on without it.
    } catch (JedisConnectionException e) {
      reset();
      throw new StepFailure("connect", e);
    }
    connectNanos = System.nanoTime() - t0;
    return j;
  }

  @Override
  public void reset() {
    Jedis j = jedis;
    jedis = null;
    socket = null;
    if (j != null) {
      try {
        j.close();
      } catch (RuntimeException e) {
        // the socket is gone either way
      }
    }
  }

  @Override
  public String target() {
    return uri.target();
  }

  @Override
  public String user() {
    return uri.user == null ? "default" : uri.user;
  }

  /**
   * Adds the database and TLS, and when this run had to open the connection (its first, or after a
   * failure) the time that took: the engine keeps such a run out of the latency figures.
   */
  @Override
  public void addDetails(ProbeResult.Builder result) {
    result.detail("database", uri.database);
    result.detail("tls", uri.tls);
    if (connectNanos >= 0) {
      result.connectTime(Duration.ofNanos(connectNanos));
      connectNanos = -1;
    }
  }

  @Override
  public void close() {
    reset();
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
