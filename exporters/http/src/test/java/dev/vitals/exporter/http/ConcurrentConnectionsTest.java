package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Exporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A thousand connections open at once, each with a request in flight, all answered, none refused. */
class ConcurrentConnectionsTest {

  private static final int CONNECTIONS = 1_000;

  @Test
  void aThousandConcurrentConnectionsAreAllAnswered() throws Exception {
    HealthReport report = report(probe("db").build());
    byte[] expected = HealthJson.service(report, Fixtures.NOW, false);
    Exporter exporter = new HttpExporterFactory().create(new TestContext(
        Map.of("vitals.http.port", "0", "vitals.http.backlog", "2048"), () -> report)).orElseThrow();
    HttpEndpoint endpoint = (HttpEndpoint) exporter;
    List<Socket> sockets = new ArrayList<>(CONNECTIONS);
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port());
      for (int i = 0; i < CONNECTIONS; i++) {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(address, 10_000);
        s.setSoTimeout(30_000);
      }
      byte[] request = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      for (Socket s : sockets) { // every connection open, now a request on each
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
      }
      int ok = 0;
      List<String> errors = new ArrayList<>();
      for (Socket s : sockets) {
        try {
          String answer = readOneResponse(s.getInputStream());
          if (answer.startsWith("HTTP/1.1 200 ") && answer.endsWith(new String(expected, StandardCharsets.UTF_8))) {
            ok++;
          } else {
            errors.add(answer.isEmpty() ? "closed without an answer" : answer.lines().findFirst().orElse(""));
          }
        } catch (IOException e) {
          errors.add(e.toString());
        }
      }
      assertThat(errors).as("errors").isEmpty();
      assertThat(ok).isEqualTo(CONNECTIONS);
      assertThat(endpoint.pool().rejected()).isZero();
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
      exporter.close();
    }
  }

  /** Reads a response's headers and then as many body bytes as its Content-Length says. */
  private static String readOneResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return headers + new String(body, StandardCharsets.UTF_8);
  }
}
