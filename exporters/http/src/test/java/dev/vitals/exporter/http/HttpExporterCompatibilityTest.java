package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.Exporter;
import dev.vitals.test.ExporterCompatibilityKit;
import dev.vitals.test.RecordingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code http} exporter against the exporter compatibility kit: off without a port, on with
 * {@code vitals.http.port=0}, a bad port refused by key, the bearer token never printed, and no
 * thread (dispatcher, workers, timers) left after close, once requests have been served.
 */
class HttpExporterCompatibilityTest extends ExporterCompatibilityKit {

  private static final String TOKEN = "kit-http-bearer-token-0c4f";

  @Override
  protected String exporterName() {
    return "http";
  }

  @Override
  protected Map<String, String> enablingConfig() {
    return Map.of("vitals.http.port", "0");
  }

  @Override
  protected Map<String, String> badConfig() {
    return Map.of("vitals.http.port", "80800");
  }

  @Override
  protected String badConfigKey() {
    return "vitals.http.port";
  }

  @Override
  protected Map<String, String> secretConfig() {
    return Map.of("vitals.http.details", "authorized", "vitals.http.token", TOKEN);
  }

  @Override
  protected List<String> secrets() {
    return List.of(TOKEN);
  }

  /**
   * Serves a few requests over plain sockets (an HTTP client would keep threads of its own), so the
   * endpoint's workers exist when the kit closes it.
   */
  @Override
  protected void exercise(Exporter exporter, RecordingContext context) throws IOException {
    int port = ((HttpEndpoint) exporter).port();
    assertThat(statusLine(port, "/health")).startsWith("HTTP/1.1 503");
    assertThat(statusLine(port, "/health/live")).startsWith("HTTP/1.1 200");
    assertThat(statusLine(port, "/health/ready")).startsWith("HTTP/1.1 503");
    assertThat(statusLine(port, "/health/started")).startsWith("HTTP/1.1 503");
    assertThat(statusLine(port, "/metrics")).startsWith("HTTP/1.1 200");
  }

  /** The kit's thread check has something to find: a running endpoint has threads of its own. */
  @Test
  void aRunningEndpointHasThreadsOfItsOwnForTheKitToWatch() throws Exception {
    Exporter e = factory().create(context(enablingConfig())).orElseThrow();
    try {
      exercise(e, context(enablingConfig()));
      String prefix = "vitals-http-" + ((HttpEndpoint) e).port() + "-worker-";
      assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
          .anyMatch(name -> name.startsWith(prefix));
    } finally {
      e.close();
    }
  }

  private static String statusLine(int port, String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return answer.lines().findFirst().orElse("");
    }
  }
}
