package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo on embedded defaults, driven over real HTTP, with its dependencies broken for real. */
class VitalsDemoTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static VitalsDemo demo;

  @BeforeAll
  static void startDemo() throws Exception {
    Map<String, String> fast = new LinkedHashMap<>();
    for (String p : new String[] {"db", "cache", "echo", "self"}) {
      fast.put("vitals.probes." + p + ".interval", "300ms");
      fast.put("vitals.probes." + p + ".timeout", "250ms");
      fast.put("vitals.probes." + p + ".failure-threshold", "1");
    }
    demo = VitalsDemo.start(0, null, fast);
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(demo.uri().resolve(path)).timeout(Duration.ofSeconds(15)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ProbeReport probe(String name) {
    return demo.report().probe(name).orElseThrow();
  }

  @Test
  void servesEveryEndpointOfTheContract() throws Exception {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("health/ready").statusCode()).isEqualTo(200));
    assertThat(demo.report().probes()).extracting(ProbeReport::name)
        .containsExactlyInAnyOrder("db", "cache", "echo", "self", "heartbeat", "deadlock");
    // liveness is the process's own: the engine heartbeat and no deadlocked thread (probes-jvm), and its port
    assertThat(demo.report().probes()).filteredOn(p -> p.kinds().contains(dev.vitals.api.ProbeKind.LIVENESS))
        .extracting(ProbeReport::name).containsExactlyInAnyOrder("self", "heartbeat", "deadlock");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(get("health/live").body()).contains("\"name\":\"heartbeat\"", "\"name\":\"deadlock\""));
    HttpResponse<String> health = get("health");
    assertThat(health.body()).contains("\"checks\"").contains("\"name\":\"db\"").contains("\"latencyMs\"");
    assertThat(get("health/live").statusCode()).isEqualTo(200);
    assertThat(get("health/started").statusCode()).isEqualTo(200);
    assertThat(get("health/db").statusCode()).isEqualTo(200);
    assertThat(get("health/nope").statusCode()).isEqualTo(404);
    assertThat(get("metrics").body()).contains("vitals_probe_up{probe=\"db\"} 1").contains("vitals_service_score");
    HttpResponse<String> page = get("status");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("cache");
  }

  @Test
  void echoTrafficIsTrackedAsApi() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(get("api/echo?delayMs=5").statusCode()).isEqualTo(200);
    }
    assertThat(get("api/echo?delayMs=1&fail=true").statusCode()).isEqualTo(500);
    assertThat(get("api/echo?delayMs=-1").statusCode()).isEqualTo(400);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var api = demo.report().tracker("api").orElseThrow();
      assertThat(api.count()).isGreaterThanOrEqualTo(6);
      assertThat(api.errors()).isGreaterThanOrEqualTo(1);
    });
  }

  @Test
  void stoppingRedisDegradesTheServiceAndRestartingItRecovers() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> probe("cache").status() == Status.UP);
    assertThat(get("api/chaos?redis=stop").body()).contains("\"redis\":\"stopped\"");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> probe("cache").status() == Status.DOWN);
      assertThat(probe("cache").lastResult().orElseThrow().message().orElseThrow())
          .as("says what failed").containsPattern("connection (refused|closed)");
      assertThat(demo.report().status()).as("the cache is not critical").isEqualTo(Status.DEGRADED);
      assertThat(get("health").statusCode()).isEqualTo(200);
    } finally {
      assertThat(get("api/chaos?redis=start").body()).contains("\"redis\":\"running\"");
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> probe("cache").status() == Status.UP);
  }

  @Test
  void aSlowDatabaseIsDegraded() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> probe("db").status() == Status.UP);
    get("api/chaos?dbDelayMs=150");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> probe("db").status() == Status.DEGRADED);
    } finally {
      get("api/chaos?dbDelayMs=0");
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> probe("db").status() == Status.UP);
  }

  @Test
  void withAConfigFileItMonitorsWhatTheFileNames(@TempDir Path dir) throws Exception {
    try (ServerSocket target = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Path file = dir.resolve("monitor.properties");
      Files.writeString(file, "vitals.probes.upstream.type = tcp\n"
          + "vitals.probes.upstream.url = tcp://127.0.0.1:" + target.getLocalPort() + "\n"
          + "vitals.probes.upstream.interval = 1s\nvitals.probes.upstream.timeout = 500ms\n");
      try (VitalsDemo other = VitalsDemo.start(0, file, Map.of())) {
        await().atMost(Duration.ofSeconds(20)).until(() -> other.report().probe("upstream")
            .map(p -> p.status() == Status.UP).orElse(false));
        assertThat(other.report().probes()).extracting(ProbeReport::name).containsExactly("upstream");
        URI u = other.uri();
        assertThat(HTTP.send(HttpRequest.newBuilder(u.resolve("health/upstream")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      }
    }
  }
}
