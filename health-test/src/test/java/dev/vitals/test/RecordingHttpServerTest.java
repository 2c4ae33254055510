package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordingHttpServerTest {

  private final RecordingHttpServer server = new RecordingHttpServer();

  @AfterEach
  void stop() {
    server.close();
  }

  /** Sends a request with the JDK's oldest client and returns the status and the body read. */
  private static String[] send(String method, String url, String body, Map<String, String> headers) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(5000);
    c.setRequestMethod(method);
    c.setInstanceFollowRedirects(false);
    headers.forEach(c::addRequestProperty);
    if (body != null) {
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
    String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    return new String[] {String.valueOf(status), text, c.getHeaderField("Location")};
  }

  @Test
  void recordsMethodTargetHeadersAndBodyOfEachRequest() throws Exception {
    send("POST", server.url("/hooks/abc?x=1&y=%20"), "{\"a\":\"\u00e9\"}",
        Map.of("Content-Type", "application/json", "X-Token", "t1"));

    RecordingHttpServer.Request r = server.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo("/hooks/abc?x=1&y=%20");
    assertThat(r.header("content-type")).as("any case").isEqualTo("application/json");
    assertThat(r.headers()).containsEntry("X-TOKEN", List.of("t1"));
    assertThat(r.text()).isEqualTo("{\"a\":\"\u00e9\"}");
    assertThat(r.body()).isEqualTo("{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.header("X-Absent")).isNull();
    assertThat(server.pending()).isZero();
  }

  @Test
  void aRecordedRequestCannotBeChanged() throws Exception {
    send("POST", server.url("/"), "abc", Map.of());
    RecordingHttpServer.Request r = server.take();

    r.body()[0] = 'x';
    assertThat(r.text()).isEqualTo("abc");
    assertThatThrownBy(() -> r.headers().put("X", List.of())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void answersOkUntilToldOtherwiseThenWithTheStatusBodyAndHeadersSet() throws Exception {
    assertThat(send("GET", server.url("/a"), null, Map.of())).startsWith("200", "ok");

    server.answer(503, "busy");
    assertThat(send("GET", server.url("/b"), null, Map.of())).startsWith("503", "busy");

    server.headers(Map.of("Location", "http://elsewhere.example/")).answer(302, "");
    assertThat(send("GET", server.url("/c"), null, Map.of())).containsExactly("302", "", "http://elsewhere.example/");

    server.headers(Map.of()).answer(204, "");
    assertThat(send("POST", server.url("/d"), "x", Map.of())).containsExactly("204", "", null);
    assertThat(server.pending()).isEqualTo(4);
  }

  @Test
  void aStalledBodySendsItsHeadersAndAFewBytesThenNothing() throws Exception {
    server.stallBody(200);
    HttpURLConnection c = (HttpURLConnection) new URL(server.url("/slow")).openConnection();
    c.setReadTimeout(500);
    assertThat(c.getResponseCode()).isEqualTo(200);
    assertThat(c.getContentLengthLong()).isEqualTo(1000);
    InputStream in = c.getInputStream();
    byte[] first = in.readNBytes(7);
    long start = System.nanoTime();

    assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("partial");
    assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    c.disconnect();
  }

  @Test
  void takeFailsWhenNoRequestArrives() {
    long start = System.nanoTime();
    assertThatThrownBy(server::take).isInstanceOf(AssertionError.class).hasMessage("no request received within 5 s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(RecordingHttpServer.TAKE_TIMEOUT);
  }

  @Test
  void urlsPointAtTheLoopbackPort() {
    assertThat(server.base()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(server.url("/x?y=1")).isEqualTo(server.base() + "/x?y=1");
    assertThat(server.port()).isPositive();
  }

  @Test
  void itsThreadsStartWithItAndEndWhenItCloses() {
    Set<Thread> before = Threads.live();
    RecordingHttpServer other = new RecordingHttpServer();
    assertThat(Threads.beyond(before)).filteredOn(n -> n.startsWith("recording-http-server-")).hasSize(4);

    other.close();
    other.close();

    Threads.awaitNoneBeyond(before);
  }

  @Test
  void aStatusOutsideHttpIsRefused() {
    assertThatThrownBy(() -> server.answer(99, "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be an HTTP status from 100 to 599: 99");
    assertThatThrownBy(() -> server.stallBody(600)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.answer(200, null)).isInstanceOf(NullPointerException.class);
  }
}
