package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.HttpEndpoint;
import dev.vitals.test.ManualClock;
import dev.vitals.test.RecordingHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A configured header value that the target echoes back never leaves Vitals: an HTTP probe sends
 * {@code X-Api-Key} (from an environment variable) to a real server that quotes its request headers in
 * a body that fails the probe's body check, and the value is found in none of the report, the /health
 * JSON, the status page, the log, and the alert a real webhook receiver gets.
 */
class SecretsEndToEndTest {

  /** The configured secret; the echo quotes it in a form no name-based redaction recognises. */
  private static final String API_KEY = "vk-live-8Hq2Zr7Lw3NpT5";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ManualClock clock = new ManualClock();
  private HttpServer target;
  private RecordingHttpServer receiver;
  private HealthMonitor monitor;
  private PrintStream originalErr;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    target.createContext("/health", ex -> {
      // the key first: the probe quotes the body's first 100 characters
      StringBuilder body = new StringBuilder("starting; the request carried\n");
      body.append("X-Api-Key ").append(ex.getRequestHeaders().getFirst("X-Api-Key")).append('\n');
      ex.getRequestHeaders().forEach((name, values) -> body.append(name).append(' ').append(values.get(0)).append('\n'));
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    target.start();
    receiver = new RecordingHttpServer().answer(204, "");

    // the log exporter writes through SLF4J's simple logger to System.err, read at each line
    originalErr = System.err;
    System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));

    Map<String, String> config = new LinkedHashMap<>();
    config.put("vitals.probes.api.type", "http");
    config.put("vitals.probes.api.url", "http://127.0.0.1:" + target.getAddress().getPort() + "/health");
    config.put("vitals.probes.api.headers.X-Api-Key", "${ECHO_API_KEY}");
    config.put("vitals.probes.api.body-contains", "all good");
    config.put("vitals.probes.api.failure-threshold", "1");
    config.put("vitals.http.host", "127.0.0.1");
    config.put("vitals.http.port", "0");
    config.put("vitals.http.details", "always");
    config.put("vitals.notifiers.hook.type", "webhook");
    config.put("vitals.notifiers.hook.url", receiver.url("/hook"));
    config.put("vitals.notifiers.hook.backoff", "10ms");
    config.put("vitals.alerts.cold-start.enabled", "false");
    monitor = HealthMonitor.builder()
        .clock(clock).scheduler(clock.scheduler()).executor(clock.executor()).jitter(0).startTime(clock.instant())
        .environment(Map.of("ECHO_API_KEY", API_KEY))
        .config(config)
        .build()
        .start();
  }

  @AfterEach
  void stop() {
    if (monitor != null) {
      monitor.close();
    }
    System.setErr(originalErr);
    receiver.close();
    target.stop(0);
  }

  @Test
  void anEchoedHeaderValueAppearsNowhere() throws Exception {
    clock.advance(Duration.ofSeconds(10));
    ProbeReport api = monitor.report().probe("api").orElseThrow();
    assertThat(api.status()).isEqualTo(Status.DOWN);

    // the report: the message quotes the body, with the value masked
    String message = api.lastResult().orElseThrow().message().orElseThrow();
    assertThat(message).contains("does not contain 'all good'").contains("X-Api-Key ****");
    assertThat(api.toString()).doesNotContain(API_KEY);
    assertThat(monitor.report().toString()).doesNotContain(API_KEY);

    // the endpoint: /health JSON with details, the probe's own JSON, the status page
    URI base = monitor.exporter(HttpEndpoint.class).orElseThrow().uri();
    String health = get(base.resolve("/health"));
    assertThat(health).contains("does not contain \\u0027all good\\u0027").contains("X-Api-Key ****")
        .doesNotContain(API_KEY);
    assertThat(get(base.resolve("/health/api"))).contains("X-Api-Key ****").doesNotContain(API_KEY);
    String page = get(base.resolve("/status"));
    assertThat(page).contains("X-Api-Key ****").doesNotContain(API_KEY);

    // the alert a webhook receives: probe-down, with the failure in its summary
    RecordingHttpServer.Request alert = receiver.take();
    assertThat(alert).as("the probe-down alert").isNotNull();
    assertThat(alert.text()).contains("probe-down").contains("X-Api-Key ****").doesNotContain(API_KEY);

    // the log line of the status change
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("probe api is DOWN").contains("X-Api-Key ****").doesNotContain(API_KEY);
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      synchronized (b) {
        b.write(c);
      }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      synchronized (b) {
        b.write(buf, off, len);
      }
    }
  }
}
