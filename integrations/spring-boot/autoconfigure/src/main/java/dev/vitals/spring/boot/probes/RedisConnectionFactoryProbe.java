package dev.vitals.spring.boot.probes;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Redaction;
import dev.vitals.api.Status;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * A {@code redis} probe through a Spring Data Redis {@link RedisConnectionFactory}: each run obtains
 * a connection from the factory, sends PING and releases the connection (for Lettuce's shared
 * connection, releasing leaves it open, as Spring does).
 *
 * <p><b>Time limits.</b> Over Lettuce the PING is sent asynchronously and awaited for at most the
 * client limit (the timeout less a quarter, at most 500 ms less), whatever the factory's command
 * timeout, and cancelled after it. Over Jedis the factory's read timeout bounds the call (Boot's
 * {@code spring.data.redis.timeout}, 2 s unless set): keep it below the probe's timeout, since a
 * thread blocked in a socket read does not hear the engine's interrupt. The client limit in use is
 * shown as the {@code clientTimeoutMs} detail.
 *
 * <p><b>Messages.</b> {@code DOWN} with what failed ({@code cannot get a connection}, {@code PING
 * failed}, {@code no answer to PING within N ms}, {@code PING answered X}) and the client's words,
 * with passwords masked: the factory's own password wherever it appears, and secrets by form
 * ({@link Redaction}).
 *
 * <p>Immutable and thread-safe (the factory is). It suggests the database budget,
 * {@link LatencyBudget#DATABASE} (50 ms target, 100 ms acceptable), as Vitals' own Redis probe does.
 *
 * <p>Lettuce and Jedis classes are named only in {@link LettucePing} and {@link JedisSupport}, loaded
 * when the factory is of that client, so an application with only one of them works.
 */
final class RedisConnectionFactoryProbe implements Probe {

  static final String TYPE = "redis";

  private final String name;
  private final RedisConnectionFactory factory;
  private final String client;
  private final String password;
  private final Duration clientLimit;
  private final ProbeDefaults defaults;

  private RedisConnectionFactoryProbe(String name, RedisConnectionFactory factory, Duration timeout) {
    this.name = name;
    this.factory = factory;
    this.client = clientOf(factory);
    this.password = passwordOf(factory);
    Duration margin = timeout.dividedBy(4);
    if (margin.compareTo(Duration.ofMillis(500)) > 0) {
      margin = Duration.ofMillis(500);
    }
    Duration limit = "jedis".equals(client) ? jedisReadTimeout(factory) : null;
    this.clientLimit = limit != null ? limit : timeout.minus(margin);
    this.defaults = ProbeDefaults.builder().budget(LatencyBudget.DATABASE).timeout(timeout).build();
  }

  static Probe create(String name, Object factory, Duration timeout) {
    return new RedisConnectionFactoryProbe(name, (RedisConnectionFactory) factory, timeout);
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
  public ProbeResult check() {
    RedisConnection connection;
    try {
      connection = factory.getConnection();
    } catch (RuntimeException e) {
      return down("cannot get a connection from the " + client + " connection factory: ", e);
    }
    try {
      String answer;
      try {
        answer = isLettuce(connection) ? LettucePing.ping(connection, clientLimit) : connection.ping();
      } catch (LettucePing.NoAnswer e) {
        return down("no answer to PING within " + clientLimit.toMillis() + " ms", null);
      } catch (RuntimeException e) {
        return down("PING failed: ", e);
      }
      if (answer == null || !answer.equalsIgnoreCase("PONG")) {
        return down("PING answered " + answer + " instead of PONG", null);
      }
      return ProbeResult.builder(Status.UP)
          .detail("client", client)
          .detail("clientTimeoutMs", clientLimit.toMillis())
          .build();
    } finally {
      try {
        connection.close();
      } catch (RuntimeException e) {
        // releasing a broken connection: the factory drops it; the result above already says what failed
      }
    }
  }

  private ProbeResult down(String what, RuntimeException e) {
    String message = what;
    if (e != null) {
      Throwable root = e;
      StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
        if (root.getMessage() != null && !text.toString().contains(root.getMessage())) {
          text.append(": ").append(root.getMessage());
        }
      }
      message = what + text;
    }
    return ProbeResult.builder(Status.DOWN)
        .message(scrub(message))
        .detail("client", client)
        .detail("clientTimeoutMs", clientLimit.toMillis())
        .build();
  }

  /** Masks the factory's password wherever it appears, then secrets by form. */
  String scrub(String text) {
    String out = text;
    if (password != null && !password.isEmpty()) {
      out = out.replace(password, Redaction.MASK);
    }
    return Redaction.redact(out);
  }

  private static boolean isLettuce(RedisConnection connection) {
    return connection.getClass().getName().startsWith("org.springframework.data.redis.connection.lettuce.");
  }

  private static String clientOf(RedisConnectionFactory factory) {
    String n = factory.getClass().getName();
    if (n.startsWith("org.springframework.data.redis.connection.lettuce.")) {
      return "lettuce";
    }
    if (n.startsWith("org.springframework.data.redis.connection.jedis.")) {
      return "jedis";
    }
    return factory.getClass().getSimpleName();
  }

  private static String passwordOf(RedisConnectionFactory factory) {
    try {
      String client = clientOf(factory);
      if (client.equals("lettuce")) {
        return LettucePing.password(factory);
      }
      if (client.equals("jedis")) {
        return JedisSupport.password(factory);
      }
    } catch (RuntimeException | LinkageError e) {
      // no password to know: redaction by form still applies
    }
    return null;
  }

  private static Duration jedisReadTimeout(RedisConnectionFactory factory) {
    try {
      return JedisSupport.readTimeout(factory);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "RedisConnectionFactoryProbe[" + name + ", " + client + "]";
  }

}
