package dev.vitals.probes.redis;

import dev.vitals.api.ProbeResult;

/**
 * What the probe needs from a Redis client: PING and INFO, each bounded by a deadline. One
 * implementation per client library, so that all parsing and health rules are shared and the
 * Lettuce adapter never touches a Jedis class (nor the other way round).
 *
 * <p>Called under the probe's lock: one call at a time. Implementations translate a Redis error
 * reply into {@link ErrorReply}; any other exception means the connection failed.
 */
interface RedisClient {

  /**
   * Sends PING.
   *
   * @param deadlineNanos the {@link System#nanoTime()} by which the answer must be in
   * @return the reply, {@code PONG} when healthy
   * @throws Exception a connection failure, a timeout or an {@link ErrorReply}
   */
  String ping(long deadlineNanos) throws Exception;

  /**
   * Sends INFO (the default sections).
   *
   * @param deadlineNanos the {@link System#nanoTime()} by which the answer must be in
   * @return the reply text
   * @throws Exception a connection failure, a timeout or an {@link ErrorReply}
   */
  String info(long deadlineNanos) throws Exception;

  /**
   * Drops whatever may be broken after a failed call, so the next run starts afresh. A client the
   * service owns is left alone: its own pool or reconnect logic repairs it.
   */
  void reset();

  /**
   * Where the client points, for messages; never credentials.
   *
   * @return such as {@code 127.0.0.1:6379}
   */
  String target();

  /**
   * The user the client authenticates as, for messages about authentication.
   *
   * @return the user name, or {@code default}
   */
  default String user() {
    return "default";
  }

  /**
   * Adds what only this client knows (database, TLS) to a result.
   *
   * @param result the result being built
   */
  default void addDetails(ProbeResult.Builder result) {
    // nothing by default
  }

  /** Closes what the probe owns; a client the service owns stays open. */
  void close();
}
