package dev.vitals.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.core.HealthMonitor;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Boot 3.5.7 application (embedded Tomcat, random port, real HTTP): {@code /actuator/health} answers from Vitals'
 * latest report, so an indicator that blocks forever costs the endpoint nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActuatorHealthFromReportTest {

  /** Far below the hung indicator's forever and the gate's 30 s timeout: the endpoint never waits on a check. */
  private static final Duration FAST = Duration.ofSeconds(1);

  static ConfigurableApplicationContext app;
  static int port;

  @BeforeAll
  static void start() {
    app = SpringApplication.run(HungIndicatorApp.class, "--server.port=0", "--server.address=127.0.0.1",
        "--management.endpoints.web.exposure.include=health", "--management.endpoint.health.show-details=always",
        "--spring.mvc.servlet.load-on-startup=1", "--vitals.probes.hung.interval=2s",
        "--vitals.probes.hung.timeout=300ms", "--vitals.probes.hung.failure-threshold=1",
        "--vitals.probes.queues-billing.failure-threshold=1",
        "--vitals.probes.gate.interval=1m", "--vitals.probes.gate.timeout=30s",
        "--spring.datasource.url=jdbc:h2:mem:boot3;DB_CLOSE_DELAY=-1", "--spring.datasource.password=db-secret-pw",
        // Boot's own db indicator, not the starter's DataSource probe: this test is about indicators
        "--vitals.spring.probes.datasource.enabled=false");
    port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    Http.get(port, "/warm-up"); // the client's first connection, not the endpoint, is what this one measures
  }

  @AfterAll
  static void stop() {
    HungIndicatorApp.GATE.countDown();
    if (app != null) {
      app.close();
    }
  }

  @Test
  @Order(1)
  void beforeItsFirstResultAnIndicatorIsUnknownAndTheEndpointDoesNotWait() {
    Http.Answer gate = Http.get(port, "/actuator/health/gate");
    assertThat(gate.took()).isLessThan(FAST);
    assertThat(gate.status()).isEqualTo(503);
    assertThat(gate.statusOf()).isEqualTo("UNKNOWN");
    assertThat(gate.body()).contains("no result yet");

    Http.Answer all = Http.get(port, "/actuator/health");
    assertThat(all.took()).isLessThan(FAST);
    assertThat(all.status()).isEqualTo(503);
  }

  @Test
  @Order(2)
  void aHungIndicatorIsDownAfterItsTimeoutAndTheEndpointAnswersAtOnce() {
    await().atMost(Duration.ofSeconds(10))
        .until(() -> Http.get(port, "/actuator/health/hung").statusOf().equals("DOWN"));
    Http.Answer hung = Http.get(port, "/actuator/health/hung");
    assertThat(hung.took()).isLessThan(FAST);
    assertThat(hung.status()).isEqualTo(503);
    assertThat(hung.statusOf()).isEqualTo("DOWN");
    assertThat(hung.body()).contains("timed out after 300ms");

    Http.Answer all = Http.get(port, "/actuator/health");
    assertThat(all.took()).isLessThan(FAST);
    assertThat(all.status()).isEqualTo(503);
    assertThat(all.statusOf("hung")).isEqualTo("DOWN");
    assertThat(all.statusOf()).isEqualTo("DOWN");
  }

  @Test
  @Order(3)
  void anIndicatorsDetailsAreShownFromItsLatestResultRedacted() {
    HungIndicatorApp.GATE.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(port, "/actuator/health/gate").status() == 200);
    Http.Answer gate = Http.get(port, "/actuator/health/gate");
    assertThat(gate.statusOf()).isEqualTo("UP");
    assertThat(gate.body()).contains("\"version\":\"1.2\"")
        .contains("\"password\":\"****\"").doesNotContain("hunter2");
  }

  @Test
  @Order(4)
  void aProbeBeanNamedLikeAnIndicatorAnswersForItAndTheIndicatorNeverRuns() {
    await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(port, "/actuator/health/custom").status() == 200);
    assertThat(Http.get(port, "/actuator/health/custom").body()).contains("\"from\":\"probe\"");
    assertThat(HungIndicatorApp.CUSTOM_INDICATOR_CALLS).hasValue(0);
    assertThat(app.getBean(HealthMonitor.class).report().probes()).filteredOn(p -> p.name().equals("custom"))
        .hasSize(1);
  }

  @Test
  @Order(5)
  void aCompositeBecomesOneProbePerMemberAndKeepsItsShape() {
    await().atMost(Duration.ofSeconds(10))
        .until(() -> Http.get(port, "/actuator/health/queues/billing").statusOf().equals("DOWN"));
    Http.Answer queues = Http.get(port, "/actuator/health/queues");
    assertThat(queues.statusOf("orders")).isEqualTo("UP");
    assertThat(queues.statusOf("billing")).isEqualTo("DOWN");
    assertThat(queues.body()).contains("broker refused").doesNotContain("s3cret-value");
    assertThat(app.getBean(HealthMonitor.class).report().probe("queues-billing")).isPresent();
    assertThat(app.getBean(HealthMonitor.class).report().probe("queues-orders")).isPresent();
  }

  @Test
  @Order(6)
  void aVitalsOnlyProbeHasAContributorOfItsOwn() {
    await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(port, "/actuator/health/extra").status() == 200);
    assertThat(Http.get(port, "/actuator/health/extra").statusOf()).isEqualTo("UP");
  }

  @Test
  @Order(7)
  void bootsDataSourceIndicatorRunsAsAVitalsProbeAndAnswersFromTheReport() {
    await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(port, "/actuator/health/db").status() == 200);
    Http.Answer db = Http.get(port, "/actuator/health/db");
    assertThat(db.statusOf()).isEqualTo("UP");
    assertThat(db.body()).contains("\"database\":\"H2\"").doesNotContain("db-secret-pw");
    assertThat(app.getBean(HealthMonitor.class).report().probe("db").orElseThrow().type()).isEqualTo("actuator");
  }

  @Test
  @Order(8)
  void indicatorsRunOnVitalsThreadsNeverOnARequestThread() {
    assertThat(HungIndicatorApp.INDICATOR_THREADS).isNotEmpty().noneMatch(t -> t.startsWith("http-nio"));
  }
}
