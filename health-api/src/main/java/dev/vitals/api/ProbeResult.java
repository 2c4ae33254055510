package dev.vitals.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one run of a {@link Probe}: a status, an optional message, details and, for a
 * failure, the error.
 *
 * <p>A probe returns one of the factories ({@link #up()}, {@link #down(String)},
 * {@link #down(Throwable)}, {@link #builder(Status)} ...); the engine adds what it measured
 * (latency and time) with {@link #withTiming(long, Instant)}. Messages and errors are passed through
 * {@link Redaction} when the result is built, so a password in a JDBC URL or a token in an
 * exception message never reaches JSON, metrics or logs.
 *
 * <p>Immutable and thread-safe. Detail values are {@link String}s, {@link Boolean}s or
 * {@link Number}s of the JDK's immutable kinds ({@code Integer}, {@code Long}, {@code Double} ...).
 */
public final class ProbeResult {

  private static final ProbeResult UP = new Builder(Status.UP).build();

  private final Status status;
  private final String message;
  private final Map<String, Object> details;
  private final String error;
  private final long latencyNanos;
  private final Instant time;
  private final long connectNanos;

  private ProbeResult(Status status, String message, Map<String, Object> details, String error,
      long latencyNanos, Instant time, long connectNanos) {
    this.status = status;
    this.message = message;
    this.details = details;
    this.error = error;
    this.latencyNanos = latencyNanos;
    this.time = time;
    this.connectNanos = connectNanos;
  }

  /**
   * A healthy result without message or details.
   *
   * @return the shared {@code UP} result
   */
  public static ProbeResult up() {
    return UP;
  }

  /**
   * A healthy result with a message.
   *
   * @param message what was checked, not null
   * @return an {@code UP} result
   */
  public static ProbeResult up(String message) {
    return builder(Status.UP).message(message).build();
  }

  /**
   * A working but impaired dependency.
   *
   * @param message why it is degraded, not null
   * @return a {@code DEGRADED} result
   */
  public static ProbeResult degraded(String message) {
    return builder(Status.DEGRADED).message(message).build();
  }

  /**
   * A failed check.
   *
   * @param message what failed, not null
   * @return a {@code DOWN} result
   */
  public static ProbeResult down(String message) {
    return builder(Status.DOWN).message(message).build();
  }

  /**
   * A failed check caused by an exception. The message is the exception's (redacted), or its type
   * when it has none.
   *
   * @param error the cause, not null
   * @return a {@code DOWN} result carrying the error's type and message
   */
  public static ProbeResult down(Throwable error) {
    return builder(Status.DOWN).error(error).build();
  }

  /**
   * A builder for a result with details.
   *
   * @param status the status, not null
   * @return a new builder
   */
  public static Builder builder(Status status) {
    return new Builder(status);
  }

  /**
   * The status of this run.
   *
   * @return the status, never null
   */
  public Status status() {
    return status;
  }

  /**
   * A human-readable message, redacted.
   *
   * @return the message, if any
   */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /**
   * Details the probe reported (database version, pool usage, days until a certificate expires ...).
   *
   * @return an unmodifiable map in insertion order, possibly empty
   */
  public Map<String, Object> details() {
    return details;
  }

  /**
   * The error that caused a failure, as {@code "type: message"}, redacted.
   *
   * @return the error, if the result was built from one
   */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /**
   * How long the run took, as measured by the engine.
   *
   * @return the latency in nanoseconds, or -1 before the engine has stamped the result
   */
  public long latencyNanos() {
    return latencyNanos;
  }

  /**
   * How long the run took, as measured by the engine.
   *
   * @return the latency, if measured
   */
  public Optional<Duration> latency() {
    return latencyNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(latencyNanos));
  }

  /**
   * When the run completed, as stamped by the engine.
   *
   * @return the time, if stamped
   */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  /**
   * How long this run spent opening a new connection to the dependency, when it had to (its first
   * run, or a reconnect after a failure), as the probe reported it with
   * {@link Builder#connectTime(Duration)}. The engine keeps such a run out of the latency
   * percentiles, the score and the latency alert (its latency measures connection set-up and class
   * loading, not the dependency's speed), and shows the connect time as the detail
   * {@value #CONNECT_DETAIL}.
   *
   * @return the connect time, empty when the run used an existing connection or did not say
   */
  public Optional<Duration> connectTime() {
    return connectNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(connectNanos));
  }

  /** The detail that shows a run's {@link #connectTime() connect time}, in milliseconds. */
  public static final String CONNECT_DETAIL = "connectMs";

  /**
   * A copy of this result with the engine's measurements.
   *
   * @param latencyNanos the measured latency in nanoseconds, zero or more
   * @param time when the run completed, not null
   * @return a new result; this one is unchanged
   * @throws IllegalArgumentException if {@code latencyNanos} is negative
   */
  public ProbeResult withTiming(long latencyNanos, Instant time) {
    if (latencyNanos < 0) {
      throw new IllegalArgumentException("latencyNanos must be >= 0, was " + latencyNanos);
    }
    return new ProbeResult(status, message, details, error, latencyNanos, Objects.requireNonNull(time, "time"),
        connectNanos);
  }

  /**
   * A copy of this result with another status and message, keeping details, error and timing.
   * The engine uses it, for example, to mark a slow {@code UP} as {@code DEGRADED}.
   *
   * @param newStatus the status, not null
   * @param newMessage the message, not null
   * @return a new result; this one is unchanged
   */
  public ProbeResult withStatus(Status newStatus, String newMessage) {
    return new ProbeResult(Objects.requireNonNull(newStatus, "status"),
        Redaction.redact(Objects.requireNonNull(newMessage, "message")), details, error, latencyNanos, time,
        connectNanos);
  }

  /**
   * A copy without the secrets' values in its texts (message, error, string details); this instance
   * when it holds none. For {@link Secrets#scrub(ProbeResult)}.
   */
  ProbeResult mapTexts(Secrets f) {
    String m = message == null ? null : f.replaceValues(message);
    String e = error == null ? null : f.replaceValues(error);
    Map<String, Object> d = details;
    for (Map.Entry<String, Object> entry : details.entrySet()) {
      if (entry.getValue() instanceof String) {
        String v = (String) entry.getValue();
        String mapped = f.replaceValues(v);
        if (mapped != v) {
          if (d == details) {
            d = new LinkedHashMap<>(details);
          }
          d.put(entry.getKey(), mapped);
        }
      }
    }
    if (m == message && e == error && d == details) {
      return this;
    }
    return new ProbeResult(status, m, d == details ? d : Collections.unmodifiableMap(d), e, latencyNanos, time,
        connectNanos);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProbeResult)) {
      return false;
    }
    ProbeResult r = (ProbeResult) o;
    return status == r.status && latencyNanos == r.latencyNanos && connectNanos == r.connectNanos
        && Objects.equals(message, r.message)
        && details.equals(r.details) && Objects.equals(error, r.error) && Objects.equals(time, r.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, message, details, error, latencyNanos, time, connectNanos);
  }

  @Override
  public String toString() {
    return "ProbeResult{" + status + (message == null ? "" : ", message=" + message)
        + (details.isEmpty() ? "" : ", details=" + details)
        + (error == null ? "" : ", error=" + error)
        + (latencyNanos < 0 ? "" : ", latencyNanos=" + latencyNanos)
        + (time == null ? "" : ", time=" + time) + '}';
  }

  /**
   * Builds a {@link ProbeResult}. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final Status status;
    private String message;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private String error;
    private long connectNanos = -1;

    private Builder(Status status) {
      this.status = Objects.requireNonNull(status, "status");
    }

    /**
     * Sets the message; it is redacted.
     *
     * @param message the message, not null
     * @return this builder
     */
    public Builder message(String message) {
      this.message = Redaction.redact(Objects.requireNonNull(message, "message"));
      return this;
    }

    /**
     * Adds a detail. A string value is redacted.
     *
     * @param key the name, not null or blank
     * @param value a {@code String}, {@code Boolean} or an immutable JDK {@code Number}
     * @return this builder
     * @throws IllegalArgumentException if the key is blank or the value of another type
     */
    public Builder detail(String key, Object value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value of detail '" + key + "'");
      if (key.isBlank()) {
        throw new IllegalArgumentException("detail key must not be blank");
      }
      if (value instanceof String) {
        details.put(key, Redaction.redact((String) value));
      } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
          || value instanceof Double || value instanceof Float || value instanceof Short
          || value instanceof Byte || value instanceof java.math.BigDecimal
          || value instanceof java.math.BigInteger) {
        details.put(key, value);
      } else {
        throw new IllegalArgumentException("detail '" + key + "' has a value of type "
            + value.getClass().getName() + "; allowed: String, Boolean or an immutable JDK Number");
      }
      return this;
    }

    /**
     * Records the error that caused this result. Sets the message too, unless one was given.
     *
     * @param cause the error, not null
     * @return this builder
     */
    public Builder error(Throwable cause) {
      Objects.requireNonNull(cause, "cause");
      String text = cause.getMessage();
      String type = cause.getClass().getName();
      this.error = Redaction.redact(text == null ? type : type + ": " + text);
      if (this.message == null) {
        this.message = Redaction.redact(text == null || text.isBlank() ? cause.getClass().getSimpleName() : text);
      }
      return this;
    }

    /**
     * Says that this run had to open a new connection (the probe's first run, or a reconnect after a
     * failure) and how long connecting took. See {@link ProbeResult#connectTime()}: the run stays out
     * of the latency figures, and the connect time is shown as the detail {@value #CONNECT_DETAIL}
     * (milliseconds, one decimal).
     *
     * @param connectTime how long connecting took, zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code connectTime} is negative
     */
    public Builder connectTime(Duration connectTime) {
      Objects.requireNonNull(connectTime, "connectTime");
      if (connectTime.isNegative()) {
        throw new IllegalArgumentException("connectTime must be zero or more, was " + connectTime);
      }
      long nanos;
      try {
        nanos = connectTime.toNanos();
      } catch (ArithmeticException e) {
        nanos = Long.MAX_VALUE;
      }
      this.connectNanos = nanos;
      return this;
    }

    /**
     * Builds the result.
     *
     * @return a new immutable result
     */
    public ProbeResult build() {
      if (connectNanos >= 0) {
        details.put(CONNECT_DETAIL, Math.round(connectNanos / 100_000.0) / 10.0);
      }
      Map<String, Object> copy = details.isEmpty()
          ? Collections.emptyMap()
          : Collections.unmodifiableMap(new LinkedHashMap<>(details));
      return new ProbeResult(status, message, copy, error, -1, null, connectNanos);
    }
  }
}
