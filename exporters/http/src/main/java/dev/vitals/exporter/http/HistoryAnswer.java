package dev.vitals.exporter.http;

import dev.vitals.api.History;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Names;
import dev.vitals.api.Redaction;
import dev.vitals.api.spi.Config;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /history/{name}?from=&to=&step=&kind=}: a probe's or tracker's history as JSON for tools.
 *
 * <ul>
 *   <li>{@code from}, {@code to}: ISO-8601 instants ({@code 2026-12-01T00:00:00Z}, an offset such as
 *       {@code +01:00} is allowed); by default the 24 hours up to now;</li>
 *   <li>{@code step}: the periods' length, whole minutes, as configuration writes durations
 *       ({@code 1m}, {@code 15m}, {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT1H}); {@code 1h} by
 *       default; at most {@value #MAX_PERIODS} periods per answer;</li>
 *   <li>{@code kind}: {@code probe} or {@code tracker}, for a tracker that shares a probe's name (the
 *       probe is found first).</li>
 * </ul>
 * Any other parameter, a bad value, {@code from} not before {@code to} or too many periods is answered
 * {@code 400} naming the parameter, its value and what is allowed.
 *
 * <p>Reads the store on the request's thread (a worker of the endpoint or the container's, never the
 * JDK server's dispatcher); at most {@value #CONCURRENT_READS} requests read at once, further ones are
 * answered {@code 503} at once, so a burst of history requests cannot take every thread from
 * {@code /health}. Stateless apart from that bound; thread-safe.
 */
final class HistoryAnswer {

  /** The most periods one answer holds. */
  static final int MAX_PERIODS = 10_000;
  /** History requests that may read the store at the same time. */
  static final int CONCURRENT_READS = 2;
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  static final Duration DEFAULT_STEP = Duration.ofHours(1);
  private static final String PARAMETERS = "from, to, step and kind";

  static final Response NO_STORE = Response.text(404,
      "Not Found: no history store is configured (vitals.history.dir)");
  static final Response NO_SUCH_SUBJECT = Response.text(404, "Not Found: no probe or tracker with that name");
  static final Response BUSY = Response.text(503,
      "Service Unavailable: " + CONCURRENT_READS + " history requests are reading the store already; try again");

  private final Semaphore reads = new Semaphore(CONCURRENT_READS);

  /**
   * The answer.
   *
   * @param history the monitor's history, or empty without a store
   * @param name the name from the path, as sent
   * @param rawQuery the query string as sent (not decoded), or null
   * @param now the current time, for the default range and open incidents
   * @param details whether transitions and incidents carry their messages
   */
  Response answer(Optional<History> history, String name, String rawQuery, Instant now, boolean details) {
    if (!Names.isValid(name)) {
      return history.isEmpty() ? NO_STORE : NO_SUCH_SUBJECT;
    }
    if (history.isEmpty()) {
      return NO_STORE;
    }
    Query q;
    try {
      q = Query.parse(rawQuery, now);
    } catch (IllegalArgumentException e) {
      return Response.text(400, "Bad Request: " + e.getMessage());
    }
    if (!reads.tryAcquire()) {
      return BUSY;
    }
    try {
      History h = history.get();
      Optional<HistorySubject> subject = q.kind == null ? h.find(name) : Optional.of(new HistorySubject(q.kind, name))
          .filter(s -> h.subjects().contains(s));
      if (subject.isEmpty()) {
        return NO_SUCH_SUBJECT;
      }
      return new Response(200, Response.JSON, json(h, subject.get(), q, now, details));
    } catch (RuntimeException e) {
      String reason = Redaction.redact(e.toString());
      Log.LOG.warn("Failed to read the history for /history: {}", reason);
      return Response.text(503, "Service Unavailable: the history store cannot be read"
          + (details ? ": " + reason : ""));
    } finally {
      reads.release();
    }
  }

  private static byte[] json(History h, HistorySubject subject, Query q, Instant now, boolean details) {
    List<HistoryPeriod> periods = h.periods(subject, q.from, q.to, q.step);
    boolean probe = subject.kind() == HistorySubject.Kind.PROBE;
    List<HistoryEntry> transitions = probe ? h.transitions(subject, q.from, q.to) : List.of();
    List<Incident> incidents = probe ? h.incidents(subject, q.from, q.to) : List.of();
    JsonOut j = new JsonOut(256 + 256 * periods.size());
    j.beginObject();
    j.name("name").value(subject.name());
    j.name("kind").value(probe ? "probe" : "tracker");
    j.name("from").value(q.from);
    j.name("to").value(q.to);
    j.name("step").value(q.step.toString());
    j.name("periods").beginArray();
    for (HistoryPeriod p : periods) {
      j.beginObject();
      j.name("start").value(p.start());
      j.name("end").value(p.end());
      j.name("count").value(p.count());
      j.name("errors").value(p.errors());
      OptionalDouble a = p.availability();
      j.name("availability");
      if (a.isPresent()) {
        j.fixed(a.getAsDouble() * 100.0, 4);
      } else {
        j.nullValue();
      }
      j.name("upSeconds").fixed(p.upMillis() / 1000.0, 3);
      j.name("downSeconds").fixed(p.downMillis() / 1000.0, 3);
      j.name("notObservedSeconds").fixed(p.notObservedMillis() / 1000.0, 3);
      LatencyHistogram l = p.latency();
      j.name("latencyMs");
      if (l.isEmpty()) {
        j.nullValue();
      } else {
        j.beginObject();
        j.name("p50").fixed(l.percentileNanos(0.50) / 1e6, 3);
        j.name("p95").fixed(l.percentileNanos(0.95) / 1e6, 3);
        j.name("p99").fixed(l.percentileNanos(0.99) / 1e6, 3);
        j.endObject();
      }
      j.endObject();
    }
    j.endArray();
    j.name("transitions").beginArray();
    for (HistoryEntry t : transitions) {
      j.beginObject();
      j.name("at").value(t.at());
      j.name("from").value(t.from().name());
      j.name("to").value(t.to().name());
      if (details) {
        j.name("message").value(t.message());
      }
      j.endObject();
    }
    j.endArray();
    j.name("incidents").beginArray();
    for (Incident i : incidents) {
      j.beginObject();
      j.name("start").value(i.start());
      j.name("end").value(i.end().orElse(null));
      j.name("durationSeconds").fixed(i.duration(now).toMillis() / 1000.0, 3);
      j.name("worst").value(i.worst().name());
      if (details) {
        j.name("message").value(i.message());
      }
      j.endObject();
    }
    j.endArray();
    j.endObject();
    return j.toBytes();
  }

  /** The checked query parameters. */
  static final class Query {
    final Instant from;
    final Instant to;
    final Duration step;
    /** Null: the probe of that name, else the tracker. */
    final HistorySubject.Kind kind;

    private Query(Instant from, Instant to, Duration step, HistorySubject.Kind kind) {
      this.from = from;
      this.to = to;
      this.step = step;
      this.kind = kind;
    }

    /**
     * Parses and checks the query.
     *
     * @throws IllegalArgumentException with a message naming the parameter, its value and what is allowed
     */
    static Query parse(String rawQuery, Instant now) {
      try {
        return parseChecked(rawQuery, now);
      } catch (java.time.DateTimeException | ArithmeticException e) {
        // an instant so far off that the default range or the number of periods leaves the time line
        throw new IllegalArgumentException("from and to must be instants between the years -1000000 and 1000000,"
            + " from before to, such as from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z");
      }
    }

    private static Query parseChecked(String rawQuery, Instant now) {
      Map<String, String> params = params(rawQuery);
      Instant to = params.containsKey("to") ? instant("to", params.get("to")) : null;
      Instant from = params.containsKey("from") ? instant("from", params.get("from")) : null;
      if (to == null) {
        to = from != null && from.plus(DEFAULT_RANGE).isBefore(now) ? from.plus(DEFAULT_RANGE) : now;
      }
      if (from == null) {
        from = to.minus(DEFAULT_RANGE);
      }
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("from=" + from + " must be before to=" + to);
      }
      Duration step = params.containsKey("step") ? step(params.get("step")) : DEFAULT_STEP;
      long periods = periods(from, to, step);
      if (periods > MAX_PERIODS) {
        throw new IllegalArgumentException("step=" + shorten(params.getOrDefault("step", "1h")) + " gives " + periods
            + " periods from " + from + " to " + to + "; at most " + MAX_PERIODS
            + " per answer are allowed: use a larger step or a shorter range");
      }
      HistorySubject.Kind kind = null;
      if (params.containsKey("kind")) {
        String k = params.get("kind");
        // compared as sent: kind=probe or kind=tracker
        if ("probe".equals(k)) {
          kind = HistorySubject.Kind.PROBE;
        } else if ("tracker".equals(k)) {
          kind = HistorySubject.Kind.TRACKER;
        } else {
          throw new IllegalArgumentException("kind=" + shorten(k) + " is not allowed: probe or tracker");
        }
      }
      return new Query(from, to, step, kind);
    }

    private static long periods(Instant from, Instant to, Duration step) {
      Duration range = Duration.between(from, to);
      long whole = range.dividedBy(step);
      return range.minus(step.multipliedBy(whole)).isZero() ? whole : whole + 1;
    }

    private static Map<String, String> params(String rawQuery) {
      Map<String, String> out = new LinkedHashMap<>();
      if (rawQuery == null || rawQuery.isEmpty()) {
        return out;
      }
      for (String pair : rawQuery.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "the value of " + name);
        if (!name.equals("from") && !name.equals("to") && !name.equals("step") && !name.equals("kind")) {
          throw new IllegalArgumentException("unknown parameter '" + shorten(name) + "': the parameters are "
              + PARAMETERS);
        }
        if (out.putIfAbsent(name, value) != null) {
          throw new IllegalArgumentException("the parameter " + name + " is given twice; give it once");
        }
      }
      return out;
    }

    private static String decode(String text, String what) {
      try {
        // a '+' stays a '+' (an offset such as +01:00 sent unencoded): no value here holds a space
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + " is not percent-encoded correctly: '" + shorten(text) + "'");
      }
    }

    private static Instant instant(String name, String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e2) {
          throw new IllegalArgumentException(name + "=" + shorten(value) + " is not allowed: an ISO-8601 instant "
              + "such as 2026-12-01T00:00:00Z (or with an offset, 2026-12-01T01:00:00+01:00)");
        }
      }
    }

    private static Duration step(String value) {
      Duration d = Config.parseDuration(value);
      if (d == null) {
        try {
          d = Duration.parse(value);
        } catch (DateTimeParseException e) {
          d = null;
        }
      }
      if (d == null || d.compareTo(Duration.ofMinutes(1)) < 0 || d.toSeconds() % 60 != 0 || d.toNanosPart() != 0) {
        throw new IllegalArgumentException("step=" + shorten(value) + " is not allowed: a whole number of minutes, "
            + "1m or more, such as 1m, 15m, 1h or 1d (or ISO-8601: PT1H)");
      }
      return d;
    }

    /**
     * The client's text as an answer may echo it: at most 64 characters, and only letters, digits and
     * {@code :+-._~} (anything else becomes {@code ?}), so an answer never carries markup or a long query.
     */
    static String shorten(String text) {
      String t = text.length() <= 64 ? text : text.substring(0, 61) + "...";
      StringBuilder sb = new StringBuilder(t.length());
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ":+-._~".indexOf(c) >= 0;
        sb.append(safe ? c : '?');
      }
      return sb.toString();
    }
  }
}
