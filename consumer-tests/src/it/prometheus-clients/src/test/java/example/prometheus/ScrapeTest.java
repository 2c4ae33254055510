package example.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.HttpEndpoint;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user's service with /metrics, on the Prometheus client the build manages. */
class ScrapeTest {

  @BeforeAll
  static void theManagedClientIsTheOneOnTheClassPath() throws Exception {
    Properties p = new Properties();
    try (InputStream in = MetricSnapshots.class.getResourceAsStream(
        "/META-INF/maven/io.prometheus/prometheus-metrics-model/pom.properties")) {
      p.load(in);
    }
    assertEquals(System.getProperty("expected.prometheus.version"), p.getProperty("version"));
  }

  @Test
  void metricsAnswersTheVitalsSeriesInBothFormats() throws Exception {
    HttpServer dependency = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    dependency.createContext("/ping", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    dependency.start();
    String url = "http://127.0.0.1:" + dependency.getAddress().getPort() + "/ping";
    try (HealthMonitor monitor = HealthMonitor.builder()
        .config(Map.of("vitals.probes.orders.type", "http", "vitals.probes.orders.url", url,
            // generous: the first run sets up the JDK HTTP client, slow on a loaded build machine
            "vitals.probes.orders.interval", "30s", "vitals.probes.orders.timeout", "15s"))
        .onDemand(true).build().start()) {
      monitor.tracker("checkout").record(Duration.ofMillis(12).toNanos(), true);
      assertEquals(1, monitor.runDue(Duration.ofSeconds(20)));   // runs the probe and publishes the report
      HttpEndpoint endpoint = HttpEndpoint.builder(monitor::report).port(0).start();
      try {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> text = client.send(HttpRequest.newBuilder(endpoint.uri().resolve("/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, text.statusCode(), text.body());
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(text.body().contains("vitals_probe_status{probe=\"orders\",status=\"up\"} 1.0"), text.body());
        assertTrue(text.body().contains("vitals_probe_up{probe=\"orders\"} 1.0"), text.body());
        assertTrue(text.body().contains("vitals_tracker_operations_total{tracker=\"checkout\"} 1.0"), text.body());
        assertTrue(text.body().contains("# TYPE vitals_service_score gauge"), text.body());

        HttpResponse<String> om = client.send(HttpRequest.newBuilder(endpoint.uri().resolve("/metrics"))
            .header("Accept", "application/openmetrics-text;version=1.0.0").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, om.statusCode(), om.body());
        assertTrue(om.body().contains("vitals_probe_status{probe=\"orders\",status=\"up\"} 1.0"), om.body());
        assertTrue(om.body().endsWith("# EOF\n"), om.body());
      } finally {
        endpoint.close();
      }
    } finally {
      dependency.stop(0);
    }
  }
}
