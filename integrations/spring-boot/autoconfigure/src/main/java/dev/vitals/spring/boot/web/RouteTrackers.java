package dev.vitals.spring.boot.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.vitals.api.Names;
import dev.vitals.api.Tracker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * One tracker per route: HTTP method and route TEMPLATE ({@code /orders/{id}}, never the raw path),
 * named {@code <tracker>-<METHOD>-<route>} with the route written to the names rule
 * ({@code http-GET-orders_id}).
 *
 * <p><b>Cap.</b> At most {@code max} route trackers are live at once. The first {@code max} distinct
 * (method, route) pairs get their own tracker; a request of any other pair, while the cap is reached, is
 * recorded into the one tracker {@code <tracker>-other}. Requests without a route template (no handler
 * matched, {@code 404}) are recorded into {@code <tracker>-unmatched}. Neither bucket counts against the
 * cap.
 *
 * <p><b>Idle expiry.</b> A route not requested for {@code expireAfter} (on the given ticker) leaves the
 * cache and frees its places under the cap; when it comes back it gets its tracker again (the engine
 * returns the same tracker for the same name, with its figures). The engine never drops a tracker, so an
 * expired route's tracker stays in reports until restart; the engine's own limit
 * ({@code vitals.trackers.max}) still holds: a route whose tracker the engine refuses goes to
 * {@code -other}.
 *
 * <p><b>Cost.</b> A request of a known route costs one cache read keyed by the template string the
 * framework already holds and one array read: no allocation. Names are built once per route.
 *
 * <p>Thread-safe.
 */
final class RouteTrackers {

  static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"};
  private static final int OTHER_METHOD = METHODS.length;

  private final Function<String, Tracker> trackers;
  private final String prefix;
  private final int max;
  private final Ticker ticker;
  private final Cache<String, Route> routes;
  private final AtomicInteger live = new AtomicInteger();
  private final Tracker other;
  private final Tracker unmatched;
  /** Ticker time of the last clean-up forced at the cap; at most one per second. */
  private volatile long lastCleanUp = Long.MIN_VALUE;

  /**
   * @param trackers the engine's trackers by name ({@code monitor::tracker})
   * @param prefix the service tracker's name, such as {@code http}
   * @param max the most route trackers live at once, at least 1
   * @param expireAfter how long a route may go unrequested before it leaves
   * @param ticker the time source for expiry (the monitor's clock in production, a manual one in tests)
   */
  RouteTrackers(Function<String, Tracker> trackers, String prefix, int max, Duration expireAfter, Ticker ticker) {
    this.trackers = Objects.requireNonNull(trackers, "trackers");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, was " + max);
    }
    this.max = max;
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.routes = Caffeine.newBuilder()
        .expireAfterAccess(expireAfter)
        .ticker(ticker)
        .executor(Runnable::run)
        .removalListener((String key, Route route, RemovalCause cause) -> {
          if (route != null) {
            live.addAndGet(-route.count.get());
          }
        })
        .build();
    this.other = trackers.apply(prefix + "-other");
    this.unmatched = trackers.apply(prefix + "-unmatched");
  }

  /**
   * The tracker of a request.
   *
   * @param method the HTTP method as sent
   * @param route the route template, or null when no handler matched
   * @return the route's tracker, {@code -unmatched} without a route, {@code -other} past the cap
   */
  Tracker tracker(String method, String route) {
    if (route == null || route.isEmpty()) {
      return unmatched;
    }
    int m = methodIndex(method);
    Route r = routes.getIfPresent(route);
    if (r != null) {
      Tracker t = r.trackers.get(m);
      if (t != null) {
        return t;
      }
    } else {
      if (!reserve()) {
        return other;
      }
      r = routes.asMap().computeIfAbsent(route, Route::new);
      return r.create(m, method, true);
    }
    if (!reserve()) {
      return other;
    }
    return r.create(m, method, true);
  }

  /** Live route trackers (for tests and the cap). */
  int size() {
    routes.cleanUp();
    return live.get();
  }

  /** Runs Caffeine's pending maintenance, such as expiry (for tests). */
  void cleanUp() {
    routes.cleanUp();
  }

  Tracker other() {
    return other;
  }

  Tracker unmatched() {
    return unmatched;
  }

  private boolean reserve() {
    for (int attempt = 0; attempt < 2; attempt++) {
      int n = live.get();
      while (n < max) {
        if (live.compareAndSet(n, n + 1)) {
          return true;
        }
        n = live.get();
      }
      // at the cap: expired routes free their places only when Caffeine's maintenance runs
      long now = ticker.read();
      long last = lastCleanUp;
      if (attempt > 0 || (last != Long.MIN_VALUE && now - last < 1_000_000_000L)) {
        return false;
      }
      lastCleanUp = now;
      routes.cleanUp();
    }
    return false;
  }

  static int methodIndex(String method) {
    if (method != null) {
      for (int i = 0; i < METHODS.length; i++) {
        if (METHODS[i].equals(method)) {
          return i;
        }
      }
    }
    return OTHER_METHOD;
  }

  /**
   * The tracker name of a route: {@code <prefix>-<METHOD>-<route>}, where each run of characters the
   * names rule does not allow becomes one {@code _}, leading and trailing ones dropped ({@code /} alone is
   * {@code root}); a name longer than the rule allows is cut and ends in 8 hex digits of the route's hash
   * so that two long routes stay apart.
   */
  static String name(String prefix, String method, String route) {
    StringBuilder b = new StringBuilder(prefix.length() + route.length() + 12);
    b.append(prefix).append('-').append(methodIndex(method) == OTHER_METHOD ? "OTHER" : method).append('-');
    int start = b.length();
    boolean gap = false;
    for (int i = 0; i < route.length(); i++) {
      char ch = route.charAt(i);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-'
          || ch == '_';
      if (ok) {
        if (gap && b.length() > start) {
          b.append('_');
        }
        b.append(ch);
        gap = false;
      } else {
        gap = true;
      }
    }
    if (b.length() == start) {
      b.append("root");
    }
    if (b.length() > Names.MAX_LENGTH) {
      String hash = String.format("%08x", fnv(route));
      b.setLength(Names.MAX_LENGTH - hash.length() - 1);
      b.append('-').append(hash);
    }
    return b.toString();
  }

  private static int fnv(String s) {
    int h = 0x811c9dc5;
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= x & 0xff;
      h *= 0x01000193;
    }
    return h;
  }

  /** The trackers of one route template, one place per method. */
  private final class Route {
    final String route;
    final AtomicReferenceArray<Tracker> trackers = new AtomicReferenceArray<>(METHODS.length + 1);
    final AtomicInteger count = new AtomicInteger();

    Route(String route) {
      this.route = route;
    }

    /** Creates (or finds) the tracker of a method; {@code reserved} is one place under the cap, given back if unused. */
    Tracker create(int m, String method, boolean reserved) {
      synchronized (this) {
        Tracker t = trackers.get(m);
        if (t != null) {
          if (reserved) {
            live.decrementAndGet();
          }
          return t;
        }
        try {
          t = RouteTrackers.this.trackers.apply(name(prefix, method, route));
        } catch (IllegalStateException | IllegalArgumentException e) {
          // the engine's own tracker limit (vitals.trackers.max)
          live.decrementAndGet();
          return other;
        }
        trackers.set(m, t);
        count.incrementAndGet();
        return t;
      }
    }
  }
}
