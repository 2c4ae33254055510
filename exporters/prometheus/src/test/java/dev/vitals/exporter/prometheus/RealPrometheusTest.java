package dev.vitals.exporter.prometheus;

import dev.vitals.test.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian package {@code prometheus}) scrapes our exposition from a JDK
 * HttpServer on loopback, once with content negotiation (it asks for OpenMetrics) and once in the
 * text format, and must report both targets up, without a scrape error, with every sample ingested.
 * It also loads the rules of {@link VitalsPrometheus#alertRules}, evaluates every one of them
 * without an error, and fires the alerts the report calls for (its critical probe is down, an
 * objective burns fast); the report has a history store, so its figures and rules are in too.
 */
class RealPrometheusTest {

  private static final Duration PATIENCE = Duration.ofSeconds(40);

  @TempDir
  Path dir;

  private HttpServer server;
  private Process prometheus;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<String> servedContentTypes = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void prometheusScrapesBothFormatsWithoutErrors() throws Exception {
    String binary = Tools.require("prometheus", "prometheus");
    HealthReport report = Fixtures.withHistory();
    Path rules = Files.writeString(dir.resolve("vitals-rules.yml"),
        VitalsPrometheus.alertRules(report, Config.of(Map.of())));
    PrometheusMetricsWriter writer = new PrometheusMetricsWriter();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/metrics", ex -> serve(ex, writer, report,
        writer.contentType(ex.getRequestHeaders().getFirst("Accept"))));
    server.createContext("/metrics-text", ex -> serve(ex, writer, report, writer.contentType(null)));
    server.start();
    int promPort = freePort();
    String target = "127.0.0.1:" + server.getAddress().getPort();
    Path config = Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  scrape_timeout: 1s",
        "  evaluation_interval: 1s",
        "rule_files: ['" + rules + "']",
        "scrape_configs:",
        "  - job_name: negotiated",
        "    metrics_path: /metrics",
        "    static_configs: [{targets: ['" + target + "']}]",
        "  - job_name: text",
        "    metrics_path: /metrics-text",
        "    static_configs: [{targets: ['" + target + "']}]",
        ""));
    prometheus = new ProcessBuilder(binary, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + promPort, "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    String api = "http://127.0.0.1:" + promPort + "/api/v1/";
    int samples = Exposition.parse(PrometheusMetricsWriterTest.text(report)).samples.size();

    await("both targets scraped up, without errors, every sample ingested").atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .untilAsserted(() -> {
          assertThat(prometheus.isAlive()).as("prometheus running; log:\n%s", log()).isTrue();
          for (String job : List.of("negotiated", "text")) {
            assertThat(value(api, "up{job=\"" + job + "\"}")).as("up of %s", job).isEqualTo("1");
            assertThat(value(api, "scrape_samples_scraped{job=\"" + job + "\"}")).as("samples of %s", job)
                .isEqualTo(String.valueOf(samples));
          }
        });

    String targets = get(api + "targets");
    assertThat(targets).doesNotContain("\"health\":\"down\"").contains("\"health\":\"up\"");
    Matcher lastError = Pattern.compile("\"lastError\":\"([^\"]*)\"").matcher(targets);
    int found = 0;
    while (lastError.find()) {
      assertThat(lastError.group(1)).as("scrape error").isEmpty();
      found++;
    }
    assertThat(found).isEqualTo(2);
    assertThat(servedContentTypes).contains(VitalsPrometheus.OPENMETRICS_CONTENT_TYPE,
        VitalsPrometheus.TEXT_CONTENT_TYPE);
    for (String job : List.of("negotiated", "text")) {
      assertThat(value(api, "vitals_probe_status{job=\"" + job + "\",probe=\"db\",status=\"down\"}")).isEqualTo("1");
      assertThat(value(api, "vitals_tracker_operations_total{job=\"" + job + "\",tracker=\"api\"}"))
          .isEqualTo("1234");
      assertThat(value(api, "vitals_probe_latency_seconds{job=\"" + job + "\",probe=\"db\",percentile=\"p95\"}"))
          .isEqualTo("0.25");
      assertThat(value(api, "vitals_slo_burn_rate{job=\"" + job + "\",slo=\"checkout-fast\",window=\"1h\"}"))
          .isEqualTo("15");
      assertThat(value(api, "vitals_notifier_sent_total{job=\"" + job + "\",notifier=\"slack\"}")).isEqualTo("12");
      assertThat(value(api, "vitals_history_records_written_total{job=\"" + job + "\"}")).isEqualTo("1440");
      assertThat(value(api, "vitals_history_last_write_timestamp_seconds{job=\"" + job + "\"}"))
          .isEqualTo(AlertRuleFile.number(
              java.math.BigDecimal.valueOf(Fixtures.NOW.minusMillis(30_250).toEpochMilli()).movePointLeft(3)));
    }

    await("the alerts the report calls for, firing").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
        .ignoreExceptions().untilAsserted(() -> {
          List<Map<String, Object>> firing = new ArrayList<>();
          for (Object a : list(data(get(api + "alerts")), "alerts")) {
            if ("firing".equals(map(a).get("state"))) {
              firing.add(map(map(a).get("labels")));
            }
          }
          for (String job : List.of("negotiated", "text")) {
            assertThat(firing).as("firing alerts").anySatisfy(l -> assertThat(l)
                .containsEntry("alertname", "VitalsProbeDown").containsEntry("job", job)
                .containsEntry("subject", "db").containsEntry("severity", "critical")
                .containsEntry("rule", "probe-down"));
            assertThat(firing).anySatisfy(l -> assertThat(l)
                .containsEntry("alertname", "VitalsSloBurnRate").containsEntry("job", job)
                .containsEntry("subject", "checkout-fast").containsEntry("window", "1h")
                .containsEntry("severity", "critical"));
          }
          assertThat(firing).as("cache is UP").noneSatisfy(l -> assertThat(l)
              .containsEntry("alertname", "VitalsProbeDown").containsEntry("subject", "cache"));
        });
    List<Object> groups = list(data(get(api + "rules")), "groups");
    assertThat(groups).hasSize(1);
    List<Object> loaded = list(map(groups.get(0)), "rules");
    assertThat(loaded).as("every rule of the file").hasSize(AlertRulesTest.parse(Files.readString(rules)).size())
        .allSatisfy(r -> assertThat(map(r)).as("rule %s", map(r).get("query")).containsEntry("health", "ok"));
  }

  private static Map<String, Object> data(String body) {
    Map<String, Object> root = map(Json.parse(body));
    assertThat(root).containsEntry("status", "success");
    return map(root.get("data"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> m, String key) {
    assertThat(m.get(key)).as("list %s", key).isInstanceOf(List.class);
    return (List<Object>) m.get(key);
  }

  private void serve(HttpExchange ex, PrometheusMetricsWriter writer, HealthReport report, String contentType)
      throws IOException {
    servedContentTypes.add(contentType);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      writer.write(report, Fixtures.NOW, contentType, out);
    }
  }

  /** The value of an instant query with exactly one series, as Prometheus prints it. */
  private String value(String api, String query) throws Exception {
    String body = get(api + "query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    Matcher m = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]*)\"\\]").matcher(body);
    assertThat(m.find()).as("a value in %s", body).isTrue();
    String v = m.group(1);
    assertThat(m.find()).as("one series in %s", body).isFalse();
    return v;
  }

  private String get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
    return r.body();
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("prometheus.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
