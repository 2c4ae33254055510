package dev.vitals.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vitals.api.Clock;
import dev.vitals.api.Tracker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's own API, served under {@code /api/} beside the health endpoints:
 * {@code GET /api/echo?delayMs=N&fail=true|false} (tracked as {@code api}) and
 * {@code GET /api/chaos?redis=stop|start&dbDelayMs=N} to break the demo's dependencies.
 */
final class DemoApi implements HttpHandler {

  static final long MAX_DELAY_MS = 10_000;

  private final Tracker tracker;
  private final Clock clock;
  private final DemoRedis redis;

  DemoApi(Tracker tracker, Clock clock, DemoRedis redis) {
    this.tracker = tracker;
    this.clock = clock;
    this.redis = redis;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "{\"error\":\"use GET\"}");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      switch (path) {
        case "/api/echo":
          echo(exchange, query);
          break;
        case "/api/chaos":
          chaos(exchange, query);
          break;
        default:
          send(exchange, 404, "{\"error\":\"unknown path; try /api/echo?delayMs=100&fail=false or /api/chaos\"}");
      }
    }
  }

  private void echo(HttpExchange exchange, Map<String, String> query) throws IOException {
    long start = clock.nanoTime();
    long delay;
    try {
      delay = Long.parseLong(query.getOrDefault("delayMs", "0"));
    } catch (NumberFormatException e) {
      send(exchange, 400, "{\"error\":\"delayMs must be a whole number of milliseconds\"}");
      return;
    }
    if (delay < 0 || delay > MAX_DELAY_MS) {
      send(exchange, 400, "{\"error\":\"delayMs must be from 0 to " + MAX_DELAY_MS + "\"}");
      return;
    }
    boolean fail = Boolean.parseBoolean(query.getOrDefault("fail", "false"));
    try {
      if (delay > 0) {
        TimeUnit.MILLISECONDS.sleep(delay); // the latency the caller asked for
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String body = "{\"delayMs\":" + delay + ",\"fail\":" + fail + "}";
    send(exchange, fail ? 500 : 200, body);
    tracker.record(clock.nanoTime() - start, !fail);
  }

  private void chaos(HttpExchange exchange, Map<String, String> query) throws IOException {
    String r = query.get("redis");
    if (r != null) {
      if (redis == null) {
        send(exchange, 409, "{\"error\":\"no embedded redis: the demo runs with --config\"}");
        return;
      }
      if (r.equals("stop")) {
        redis.stop();
      } else if (r.equals("start")) {
        redis.start();
      } else {
        send(exchange, 400, "{\"error\":\"redis must be stop or start\"}");
        return;
      }
    }
    String d = query.get("dbDelayMs");
    if (d != null) {
      try {
        DemoDatabase.setDelayMillis(Long.parseLong(d));
      } catch (NumberFormatException e) {
        send(exchange, 400, "{\"error\":\"dbDelayMs must be a whole number of milliseconds\"}");
        return;
      }
    }
    send(exchange, 200, "{\"redis\":\"" + (redis == null ? "external" : redis.running() ? "running" : "stopped")
        + "\",\"dbDelayMs\":" + DemoDatabase.delayMillis() + "}");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static void send(HttpExchange exchange, int code, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
