package dev.vitals.spring.boot.probes;

import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** PING over a Lettuce connection with the probe's own deadline; loaded only for a Lettuce factory. */
final class LettucePing {

  /** No answer within the limit (the command was cancelled). */
  static final class NoAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoAnswer() {
      super(null, null, false, false);
    }
  }

  private LettucePing() {}

  /**
   * Sends PING through the connection's asynchronous API and waits at most {@code limit}.
   *
   * @param connection a {@link LettuceConnection}; any other is pinged synchronously
   * @param limit how long to wait for the answer
   * @return the answer
   * @throws NoAnswer when none came in time (the command is cancelled)
   * @throws RuntimeException the client's failure, or an interrupt as {@code IllegalStateException}
   */
  static String ping(RedisConnection connection, Duration limit) {
    if (!(connection instanceof LettuceConnection)) {
      return connection.ping();
    }
    RedisFuture<String> answer = ((LettuceConnection) connection).getNativeConnection().ping();
    try {
      return answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new NoAnswer();
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PING: the run was cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
    }
  }

  static String password(RedisConnectionFactory factory) {
    return factory instanceof LettuceConnectionFactory ? ((LettuceConnectionFactory) factory).getPassword() : null;
  }
}
