package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guide's alert rules on a demo run that breaks its dependencies, delivered by the webhook
 * notifier to a real local receiver: response time, error rate, availability and cold start fire and
 * resolve, and a probe that goes down pages.
 */
class DemoAlertsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
  private static HttpServer receiver;
  private static VitalsDemo demo;

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    receiver.createContext("/hook", exchange -> {
      RECEIVED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    Map<String, String> o = new LinkedHashMap<>();
    for (String p : new String[] {"db", "cache", "echo", "self"}) {
      o.put("vitals.probes." + p + ".interval", "200ms");
      o.put("vitals.probes." + p + ".timeout", "180ms");
      o.put("vitals.probes." + p + ".failure-threshold", "1");
    }
    o.put("vitals.probes.cache.circuit-breaker.max-wait", "1s");
    o.put("vitals.notifiers.hook.type", "webhook");
    o.put("vitals.notifiers.hook.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    o.put("vitals.notifiers.hook.backoff", "10ms");
    for (String rule : new String[] {"latency", "error-rate", "availability"}) {
      o.put("vitals.alerts." + rule + ".for", "0s");
    }
    o.put("vitals.alerts.cold-start.threshold", "1"); // 1 ms: any real start-up is slower
    demo = VitalsDemo.start(0, null, o);
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private static void get(String path) throws IOException, InterruptedException {
    HTTP.send(HttpRequest.newBuilder(demo.uri().resolve(path)).build(), HttpResponse.BodyHandlers.discarding());
  }

  private static boolean received(String rule, String subject, String state) {
    return RECEIVED.stream().anyMatch(b -> b.contains("\"rule\":\"" + rule + "\"") && b.contains("\"subject\":\"" + subject + "\"")
        && b.contains("\"state\":\"" + state + "\""));
  }

  @Test
  void coldStartAboveItsThresholdFires() {
    await().atMost(Duration.ofSeconds(20)).until(() -> received("cold-start", "service", "FIRING"));
  }

  @Test
  void aStoppedRedisPagesAsProbeDownAndLowersAvailabilityThenResolves() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> demo.report().probe("cache").orElseThrow().status()
        == dev.vitals.api.Status.UP);
    get("api/chaos?redis=stop");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> received("probe-down", "cache", "FIRING"));
      await().atMost(Duration.ofSeconds(30)).until(() -> received("availability", "cache", "FIRING"));
    } finally {
      get("api/chaos?redis=start");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> received("probe-down", "cache", "RESOLVED"));
  }

  @Test
  void failingAndSlowRequestsFireErrorRateAndResponseTime() throws Exception {
    for (int i = 0; i < 20; i++) {
      get("api/echo?delayMs=450&fail=" + (i % 4 == 0)); // 25 % errors, p95 450 ms > 2 x 200 ms
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> received("error-rate", "api", "FIRING")
        && received("latency", "api", "FIRING"));
    String body = RECEIVED.stream().filter(b -> b.contains("\"rule\":\"latency\"") && b.contains("\"subject\":\"api\""))
        .findFirst().orElseThrow();
    assertThat(body).contains("\"threshold\":400").contains("\"unit\":\"ms\"");
  }
}
