package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.HealthReport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's start-up line, which the pool's watchdog logs off the start path (setting up
 * java.util.logging is not something {@code start()} waits for): still logged once, with the same
 * text, level and source, also when the endpoint is closed at once.
 */
class StartupLogTest {

  private static final HealthReport REPORT = report(probe("db").build());

  /** Held strongly: java.util.logging keeps loggers weakly. */
  private final Logger julLogger = Logger.getLogger("dev.vitals.exporter.http");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getMessage() != null && record.getMessage().startsWith("Vitals HTTP endpoint at ")) {
        records.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void listen() {
    julLogger.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    julLogger.removeHandler(handler);
  }

  @Test
  void startLogsWhereTheEndpointListensOnce() throws IOException {
    HttpEndpoint endpoint = HttpEndpoint.builder(() -> REPORT).port(0).start();
    int port = endpoint.port();
    try {
      String expected = "Vitals HTTP endpoint at http://127.0.0.1:" + port + "/health (details: never)";
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(about(expected)).hasSize(1));
      LogRecord r = about(expected).get(0);
      assertThat(r.getLevel()).isEqualTo(Level.INFO);
      assertThat(r.getSourceClassName()).isEqualTo(HttpEndpoint.class.getName());
      assertThat(r.getSourceMethodName()).as("the log names the same source method as before").isEqualTo("start");
    } finally {
      endpoint.close();
    }
    assertThat(about("Vitals HTTP endpoint at http://127.0.0.1:" + port + "/"))
        .as("logged once").hasSize(1);
  }

  /** This test's records (other tests' endpoints may log at the same time). */
  private List<LogRecord> about(String messageStart) {
    List<LogRecord> mine = new java.util.ArrayList<>();
    for (LogRecord r : records) {
      if (r.getMessage().startsWith(messageStart)) {
        mine.add(r);
      }
    }
    return mine;
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
