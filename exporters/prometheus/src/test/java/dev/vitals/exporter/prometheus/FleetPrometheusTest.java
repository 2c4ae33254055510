package dev.vitals.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Tracker;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.HttpEndpoint;
import dev.vitals.test.Json;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The fleet view for real: three {@link HealthMonitor}s, each with its own {@code exporter-http}
 * endpoint on a free port serving {@code /metrics}, are the three instances of service
 * {@code checkout}; on instance c the critical probe {@code db} fails, and three of every four of its
 * {@code api} operations fail. A real Prometheus server (Debian package {@code prometheus}) scrapes
 * them every second and evaluates {@link VitalsPrometheus#recordingRules()} every second; the test
 * polls its HTTP API (bounded, no sleeps) until the recorded series show the fleet as it is.
 */
class FleetPrometheusTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final long[] LATENCY_NANOS = {1_000_000, 2_000_000, 8_000_000};

  @TempDir
  Path dir;

  private final List<HealthMonitor> monitors = new ArrayList<>();
  private final List<HttpEndpoint> endpoints = new ArrayList<>();
  private ScheduledExecutorService traffic;
  private Process prometheus;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
    if (traffic != null) {
      traffic.shutdownNow();
    }
    endpoints.forEach(HttpEndpoint::close);
    monitors.forEach(HealthMonitor::close);
  }

  @Test
  void threeInstancesOneBrokenGiveTheFleetFiguresAfterARealScrapeAndRuleEvaluation() throws Exception {
    String binary = Tools.require("prometheus", "prometheus");
    List<String> targets = new ArrayList<>();
    List<Tracker> apis = new ArrayList<>();
    for (boolean broken : new boolean[] {false, false, true}) {
      HealthMonitor monitor = HealthMonitor.builder()
          .probe(Probe.of("db", () -> broken ? ProbeResult.down("connection refused") : ProbeResult.up()))
          .config(Map.of("vitals.probes.db.interval", "200ms"))
          .discoverExporters(false)
          .build()
          .start();
      monitors.add(monitor);
      apis.add(monitor.tracker("api"));
      HttpEndpoint endpoint = HttpEndpoint.builder(monitor::report).port(0).start();
      endpoints.add(endpoint);
      targets.add("127.0.0.1:" + endpoint.port());
    }
    String broken = targets.get(2);
    // the service's own traffic: every tick four operations per instance, taking 1, 2 and 8 ms; on c
    // three of them fail
    traffic = Executors.newSingleThreadScheduledExecutor();
    traffic.scheduleAtFixedRate(() -> {
      for (int i = 0; i < apis.size(); i++) {
        for (int op = 0; op < 4; op++) {
          apis.get(i).record(LATENCY_NANOS[i], i < 2 || op == 0);
        }
      }
    }, 0, 20, TimeUnit.MILLISECONDS);

    Files.writeString(dir.resolve("vitals-recording-rules.yml"), VitalsPrometheus.recordingRules());
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, dump(Map.of(
        "global", Map.of("scrape_interval", "1s", "scrape_timeout", "1s", "evaluation_interval", "1s"),
        "rule_files", List.of(dir.resolve("vitals-recording-rules.yml").toString()),
        "scrape_configs", List.of(Map.of("job_name", "checkout", "static_configs",
            List.of(Map.of("targets", targets)))))));
    int port = freePort();
    prometheus = new ProcessBuilder(binary, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    String api = "http://127.0.0.1:" + port + "/api/v1/";

    await("the recorded fleet series").atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .untilAsserted(() -> {
          assertThat(prometheus.isAlive()).as("prometheus running; log:\n%s", log()).isTrue();
          // every instance scraped, and its db probe decided (the broken one DOWN after three failures)
          assertThat(values(api, "vitals_probe_status{job=\"checkout\",probe=\"db\",status=~\"up|down\"} == 1", "instance"))
              .hasSize(3);
          // rates over at least two scrapes of every instance
          assertThat(values(api, "count(count_over_time(vitals_tracker_operations_total{job=\"checkout\"}[1m]) >= 3)"))
              .containsValue(3.0);
          // the recorded series, once every rule has been evaluated on a scrape of these figures:
          // three instances, all reachable
          assertThat(values(api, "service:up:count{job=\"checkout\"}")).containsExactly(Map.entry("", 3.0));
          assertThat(values(api, "service:up:sum{job=\"checkout\"}")).containsExactly(Map.entry("", 3.0));
          // one instance DOWN, two UP
          assertThat(values(api, "service:vitals_service_status:sum{job=\"checkout\"}", "status"))
              .containsEntry("up", 2.0).containsEntry("down", 1.0).containsEntry("degraded", 0.0)
              .containsEntry("unknown", 0.0);
          // the broken probe across the fleet: up on two instances of three, failing on one
          assertThat(single(api, "service:vitals_probe_up:ratio{job=\"checkout\",probe=\"db\"}"))
              .isCloseTo(2 / 3.0, within(1e-9));
          assertThat(single(api, "service:vitals_probe_error_ratio:max{job=\"checkout\",probe=\"db\"}"))
              .isEqualTo(1.0);
          assertThat(single(api, "service:vitals_probe_error_ratio:avg{job=\"checkout\",probe=\"db\"}"))
              .isCloseTo(1 / 3.0, within(1e-9));
          assertThat(values(api, "service:vitals_tracker_errors:ratio_rate5m{job=\"checkout\"}")).hasSize(1);
          // the service's operations: three of twelve fail, the sum of errors over the sum of operations
          // (each instance's rate spans its own scrapes: with a few of them the sum is near, not at, 0.25)
          assertThat(single(api, "service:vitals_tracker_errors:ratio_rate5m{job=\"checkout\",tracker=\"api\"}"))
              .isCloseTo(0.25, within(0.05));
        });

    // the broken probe, per instance: DOWN on c only
    assertThat(values(api, "vitals_probe_up{job=\"checkout\",probe=\"db\"}", "instance"))
        .containsOnlyKeys(targets).containsEntry(broken, 0.0)
        .containsEntry(targets.get(0), 1.0).containsEntry(targets.get(1), 1.0);
    // availability over the last hour: below 1 across instances, the worst instance lowest
    double availability = single(api, "service:vitals_probe_availability_ratio:avg{job=\"checkout\",probe=\"db\",window=\"1h\"}");
    double worst = single(api, "service:vitals_probe_availability_ratio:min{job=\"checkout\",probe=\"db\",window=\"1h\"}");
    assertThat(availability).isLessThan(1).isGreaterThan(worst);
    assertThat(worst).isLessThan(0.5);
    // scores: the broken instance pulls the minimum below the mean
    assertThat(single(api, "service:vitals_service_score:min{job=\"checkout\"}"))
        .isLessThan(single(api, "service:vitals_service_score:avg{job=\"checkout\"}"));
    assertThat(single(api, "service:vitals_probe_score:min{job=\"checkout\",probe=\"db\"}")).isLessThan(50);
    // the probe's error ratio: c fails every run, a and b none
    assertThat(single(api, "service:vitals_probe_error_ratio:max{job=\"checkout\",probe=\"db\"}")).isEqualTo(1.0);
    assertThat(single(api, "service:vitals_probe_error_ratio:avg{job=\"checkout\",probe=\"db\"}"))
        .isCloseTo(1 / 3.0, within(1e-9));
    // the availability across instances is the complement of the error ratio, recorded from the same rates
    double errorRatio = single(api, "service:vitals_tracker_errors:ratio_rate5m{job=\"checkout\",tracker=\"api\"}");
    assertThat(single(api, "service:vitals_tracker_availability:ratio_rate5m{job=\"checkout\",tracker=\"api\"}"))
        .isCloseTo(1 - errorRatio, within(0.05));
    assertThat(single(api, "service:vitals_tracker_operations:rate5m{job=\"checkout\",tracker=\"api\"}")).isPositive();
    // latency percentiles: the worst instance's, one series per percentile, never an average
    assertThat(values(api, "service:vitals_probe_latency_seconds:max{job=\"checkout\",probe=\"db\"}", "percentile"))
        .containsOnlyKeys("p50", "p95", "p99", "max");
    Map<String, Double> p95 = values(api,
        "vitals_tracker_latency_seconds{job=\"checkout\",tracker=\"api\",percentile=\"p95\"}", "instance");
    assertThat(p95.get(broken)).isGreaterThan(p95.get(targets.get(0))).isGreaterThan(p95.get(targets.get(1)));
    assertThat(values(api, "service:vitals_tracker_latency_seconds:max{job=\"checkout\",tracker=\"api\"}", "percentile"))
        .containsOnlyKeys("p50", "p95", "p99", "max").containsEntry("p95", p95.get(broken));
    assertThat(values(api, "count by (__name__) ({__name__=~\"service:.+\"})", "__name__")).as("recorded series")
        .hasSize(parseRecordCount());
    assertThat(log()).doesNotContain("level=error");
  }

  private static int parseRecordCount() {
    return (int) VitalsPrometheus.recordingRules().lines().filter(l -> l.trim().startsWith("- record:")).count();
  }

  private double single(String api, String promql) throws Exception {
    Map<String, Double> v = values(api, promql);
    assertThat(v).as("result of %s", promql).hasSize(1);
    return v.values().iterator().next();
  }

  private Map<String, Double> values(String api, String promql) throws Exception {
    return values(api, promql, null);
  }

  /** An instant query's samples by the value of one label ("" for all when null). */
  private Map<String, Double> values(String api, String promql, String label) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create(api + "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("query %s: %s", promql, r.body()).isEqualTo(200);
    Map<String, Object> data = asMap(asMap(Json.parse(r.body())).get("data"));
    assertThat(data.get("resultType")).isEqualTo("vector");
    Map<String, Double> out = new TreeMap<>();
    for (Object o : (List<?>) data.get("result")) {
      Map<String, Object> sample = asMap(o);
      String key = label == null ? "" : String.valueOf(asMap(sample.get("metric")).get(label));
      double value = Double.parseDouble((String) ((List<?>) sample.get("value")).get(1));
      assertThat(out.put(key, value)).as("two samples for %s in %s", key, promql).isNull();
    }
    return out;
  }

  private String log() throws Exception {
    return Files.readString(dir.resolve("prometheus.log"));
  }

  private static String dump(Object value) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(value);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }
}
