package dev.vitals.probes.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Lettuce connection the service owns. Commands go through its asynchronous API and the probe
 * waits for each until the run's deadline, so a hung server costs the probe no more than its
 * timeout whatever Lettuce's own command timeout is. Lettuce reconnects by itself; the probe never
 * closes the connection. Touches no Jedis class.
 */
final class LettuceClient implements RedisClient {

  private final StatefulRedisConnection<?, ?> connection;
  private final String target;

  LettuceClient(StatefulRedisConnection<?, ?> connection, String target) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.target = target;
  }

  @Override
  public String ping(long deadlineNanos) throws Exception {
    return await(connection.async().ping(), deadlineNanos, "PING");
  }

  @Override
  public String info(long deadlineNanos) throws Exception {
    return await(connection.async().info(), deadlineNanos, "INFO");
  }

  private String await(RedisFuture<String> future, long deadlineNanos, String command) throws Exception {
    try {
      return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      if (!connection.isOpen()) {
        throw new NotConnected("Lettuce is reconnecting in the background", e);
      }
      throw e;
    } catch (InterruptedException e) {
      future.cancel(false);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RedisCommandExecutionException) {
        throw new ErrorReply(cause);
      }
      if (cause instanceof Exception) {
        throw (Exception) cause;
      }
      throw e;
    }
  }

  @Override
  public void reset() {
    // Lettuce reconnects by itself
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public void close() {
    // the service owns it
  }

  @Override
  public String toString() {
    return target;
  }
}
