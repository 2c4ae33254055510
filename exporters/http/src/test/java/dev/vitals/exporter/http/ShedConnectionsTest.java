package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.vitals.api.HealthReport;
import dev.vitals.test.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real endpoint with one thread and one queue place, overloaded by real connections: two slow
 * clients take both, so further connections are shed. They are counted and logged at WARN, at most
 * once a minute by the endpoint's clock.
 */
class ShedConnectionsTest {

  private static final int BURST = 5;

  private final HealthReport report = report(probe("db").build());
  private final ManualClock clock = new ManualClock();
  private final List<Socket> sockets = new ArrayList<>();
  private final CapturedLog log = new CapturedLog();
  private HttpEndpoint endpoint;

  @BeforeEach
  void start() throws IOException {
    endpoint = HttpEndpoint.builder(() -> report).port(0).threads(1).maxThreads(1).queue(1)
        .requestTimeout(Duration.ofSeconds(30)).clock(clock).start();
  }

  @AfterEach
  void stop() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    endpoint.close();
    log.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port()), 5_000);
    s.setSoTimeout(10_000);
    return s;
  }

  /** A client that starts its request and never finishes its headers: it holds what it gets. */
  private void slowClient() throws IOException {
    OutputStream out = connect().getOutputStream();
    out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Takes the only thread and the only queue place with slow clients, then sends whole requests. */
  private int overload() throws IOException {
    slowClient();
    slowClient();
    await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.pool().queued() == 1);
    List<Socket> burst = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      Socket s = connect();
      s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      burst.add(s);
    }
    int closedUnanswered = 0;
    for (Socket s : burst) {
      try {
        InputStream in = s.getInputStream();
        if (in.read() == -1) {
          closedUnanswered++;
        }
      } catch (java.net.SocketException e) {
        closedUnanswered++; // reset: closed unanswered too
      }
    }
    return closedUnanswered;
  }

  private List<ILoggingEvent> warnings() {
    return log.startingWith("Vitals HTTP endpoint on port " + endpoint.port() + " shed ");
  }

  @Test
  void shedConnectionsAreCountedAndLoggedAtMostOnceAMinute() throws IOException {
    assertThat(endpoint.shedConnections()).isZero();

    int unanswered = overload();
    assertThat(unanswered).as("connections closed without an answer").isPositive();
    long shed = endpoint.shedConnections();
    assertThat(shed).as("every connection closed unanswered is counted").isGreaterThanOrEqualTo(unanswered);
    await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.pool().seenShed() >= shed);
    assertThat(warnings()).hasSize(1);
    ILoggingEvent first = warnings().get(0);
    assertThat(first.getLevel()).isEqualTo(Level.WARN);
    assertThat(first.getFormattedMessage()).contains("since it started").contains("every one of its 1 threads")
        .contains("vitals.http.max-threads").contains("at most once a minute");

    // more shedding within the minute: counted, not logged
    int more = overload();
    long shedAgain = endpoint.shedConnections();
    assertThat(shedAgain).isGreaterThanOrEqualTo(shed + more);
    await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.pool().seenShed() >= shedAgain);
    assertThat(warnings()).as("still one line within the minute").hasSize(1);

    // a minute later the watchdog logs what was shed since its last line
    clock.advance(Duration.ofMinutes(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> warnings().size() == 2);
    Object[] firstArgs = first.getArgumentArray();
    Object[] secondArgs = warnings().get(1).getArgumentArray();
    long firstTotal = (Long) firstArgs[2];
    long secondDelta = (Long) secondArgs[1];
    long secondTotal = (Long) secondArgs[2];
    assertThat((Long) firstArgs[1]).as("the first line counts from the start").isEqualTo(firstTotal);
    assertThat(secondTotal).isGreaterThanOrEqualTo(shedAgain);
    assertThat(secondDelta).as("the second line counts what was shed since the first").isEqualTo(secondTotal - firstTotal);
  }
}
