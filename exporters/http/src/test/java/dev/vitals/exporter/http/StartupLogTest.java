package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.vitals.api.HealthReport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's start-up line, through SLF4J, which the pool's watchdog logs off the start path
 * (setting up the logging backend is not something {@code start()} waits for): still logged once, with
 * the same text, level and source, also when the endpoint is closed at once.
 */
class StartupLogTest {

  private static final HealthReport REPORT = report(probe("db").build());

  private final CapturedLog log = new CapturedLog();

  @AfterEach
  void stopListening() {
    log.close();
  }

  @Test
  void startLogsWhereTheEndpointListensOnce() throws IOException {
    HttpEndpoint endpoint = HttpEndpoint.builder(() -> REPORT).port(0).start();
    int port = endpoint.port();
    try {
      String expected = "Vitals HTTP endpoint at http://127.0.0.1:" + port + "/health (details: never)";
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(about(expected)).hasSize(1));
      ILoggingEvent r = about(expected).get(0);
      assertThat(r.getLevel()).isEqualTo(Level.INFO);
      assertThat(r.getLoggerName()).isEqualTo("dev.vitals.exporter.http");
      assertThat(r.getCallerData()[0].getClassName()).isEqualTo(HttpEndpoint.class.getName());
      assertThat(r.getCallerData()[0].getMethodName()).as("the log names the same source method as before")
          .isEqualTo("start");
    } finally {
      endpoint.close();
    }
    assertThat(about("Vitals HTTP endpoint at http://127.0.0.1:" + port + "/"))
        .as("logged once").hasSize(1);
  }

  /** This test's events (other tests' endpoints may log at the same time). */
  private List<ILoggingEvent> about(String messageStart) {
    return log.startingWith(messageStart);
  }

  @Test
  void anEndpointClosedRightAfterStartHasStillLoggedItsAddress() throws IOException {
    HttpEndpoint endpoint = HttpEndpoint.builder(() -> REPORT).port(0).start();
    int port = endpoint.port();
    endpoint.close();
    String expected = "Vitals HTTP endpoint at http://127.0.0.1:" + port + "/health (details: never)";
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(about(expected)).hasSize(1));
  }
}
