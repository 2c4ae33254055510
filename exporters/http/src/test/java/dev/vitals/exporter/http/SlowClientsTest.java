package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.HealthReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slow, broken and oversized requests never stall other clients. */
class SlowClientsTest {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final int SLOW_CLIENTS = 200;

  private final HealthReport report = report(probe("db").build());
  private final List<Socket> sockets = new ArrayList<>();
  private HttpEndpoint endpoint;
  private ScheduledExecutorService trickle;

  @BeforeEach
  void start() throws IOException {
    endpoint = HttpEndpoint.builder(() -> report).port(0).requestTimeout(REQUEST_TIMEOUT).start();
    trickle = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "slowloris");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void stop() {
    trickle.shutdownNow();
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    endpoint.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port()), 5_000);
    return s;
  }

  /** A normal client's request, timed. */
  private long normalRequestMillis() {
    long start = System.nanoTime();
    HttpResponse<String> r = Http.get(endpoint.uri(), "/health");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"}]}");
    return ms;
  }

  @Test
  void slowlorisClientsDoNotStallOthersAndAreCutAtTheRequestTimeout() throws IOException {
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      Socket s = connect();
      s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      slow.add(s);
    }
    long lastStarted = System.nanoTime();
    // one more header line every 200 ms on every socket, never the blank line that ends the headers
    trickle.scheduleAtFixedRate(() -> {
      for (Socket s : slow) {
        try {
          OutputStream out = s.getOutputStream();
          out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException closedByServer) {
          // expected once the server cuts it
        }
      }
    }, 200, 200, TimeUnit.MILLISECONDS);

    // every slow client holds a server thread, blocked reading its headers
    await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.pool().poolSize() >= SLOW_CLIENTS);

    assertThat(normalRequestMillis()).as("a normal client's request, in ms").isLessThan(1_000);

    // each slow client is cut by the server within the request timeout (plus the watchdog's tick)
    long deadline = lastStarted + REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(2);
    for (Socket s : slow) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      s.setSoTimeout((int) left);
      assertThat(readUntilClosed(s)).as("the server closed a slow client's connection in time").isTrue();
    }
    assertThat(endpoint.pool().cut()).as("exchanges cut by the watchdog").isGreaterThanOrEqualTo(SLOW_CLIENTS);
    assertThat(normalRequestMillis()).isLessThan(1_000);
  }

  /** True when the server closed the connection (end of stream or reset) before the socket's timeout. */
  private static boolean readUntilClosed(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    byte[] buf = new byte[1024];
    try {
      while (in.read(buf) != -1) {
        // the server answers nothing to a request it never finished reading; drain whatever comes
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  @Test
  void aMalformedRequestLineGets400() throws IOException {
    String raw = Http.raw(endpoint.port(), "GARBAGE\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 400 ");
    assertThat(normalRequestMillis()).isLessThan(1_000);
  }

  @Test
  void aRequestLineWithAnInvalidUriGets400() throws IOException {
    String raw = Http.raw(endpoint.port(), "GET /health%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 400 ");
    assertThat(normalRequestMillis()).isLessThan(1_000);
  }

  @Test
  void tooManyHeaderLinesAreRefused() throws IOException {
    StringBuilder request = new StringBuilder("GET /health HTTP/1.1\r\nHost: localhost\r\n");
    for (int i = 0; i < 1_000; i++) {
      request.append("X-Header-").append(i).append(": v\r\n");
    }
    String answer = sendExpectingRefusal(request.append("\r\n").toString());
    assertThat(answer).satisfiesAnyOf(
        r -> assertThat(r).startsWith("HTTP/1.1 4"),
        r -> assertThat(r).isEmpty());
    assertThat(normalRequestMillis()).isLessThan(1_000);
  }

  @Test
  void anOversizedHeaderIsRefused() throws IOException {
    String huge = "x".repeat(512 * 1024);
    String answer = sendExpectingRefusal("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Huge: " + huge + "\r\n\r\n");
    assertThat(answer).satisfiesAnyOf(
        r -> assertThat(r).startsWith("HTTP/1.1 4"),
        r -> assertThat(r).isEmpty());
    assertThat(normalRequestMillis()).isLessThan(1_000);
  }

  @Test
  void aClientThatNeverReadsItsAnswersIsCut() throws IOException {
    // pipelined requests whose answers are never read: the socket buffers fill up, then the server's
    // write blocks; the client's own writes block in turn until the server cuts the connection
    Socket s = connect();
    byte[] requests = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".repeat(1_000)
        .getBytes(StandardCharsets.US_ASCII);
    AtomicBoolean cut = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      try {
        OutputStream out = s.getOutputStream();
        for (int i = 0; i < 10_000; i++) {
          out.write(requests);
        }
      } catch (IOException closedByServer) {
        cut.set(true);
      }
    }, "never-reads");
    writer.setDaemon(true);
    writer.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.pool().cut() >= 1);
    assertThat(normalRequestMillis()).isLessThan(1_000);
    await().atMost(Duration.ofSeconds(5)).untilTrue(cut);
  }

  /** Sends a request the server may refuse mid-way; returns what it answered, empty if it just closed. */
  private String sendExpectingRefusal(String request) throws IOException {
    Socket s = connect();
    s.setSoTimeout(5_000);
    try {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
    } catch (SocketException refusedWhileWriting) {
      return "";
    }
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = s.getInputStream().read(buf)) != -1; ) {
        all.write(buf, 0, n);
      }
    } catch (SocketException reset) {
      // refused and closed with our request still unread: keep what came before the reset
    }
    return all.toString(StandardCharsets.US_ASCII);
  }
}
