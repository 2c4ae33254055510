package dev.vitals.spring.boot.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.core.HealthMonitor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Boot 3.5: a real web application (embedded Tomcat on a random port) with an H2 pool and a Lettuce
 * factory; a monitor bean built as the starter's is (every {@code vitals.*} key from the Environment,
 * every {@code Probe} bean) runs the probes, and the application answers their state over HTTP.
 */
class ProbesApplicationTest {

  private static TestRedis redis;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void theApplicationsDataSourceAndRedisAreProbedWithTheOrdinaryKeys() throws Exception {
    try (ConfigurableApplicationContext ctx = start("--vitals.probes.db.interval=500ms",
        "--vitals.probes.redis.interval=500ms", "--vitals.probes.redis.critical=false",
        "--vitals.probes.redis.kinds=liveness,readiness")) {
      HealthMonitor monitor = ctx.getBean(HealthMonitor.class);
      ProbeReport db = monitor.report().probe("db").orElseThrow();
      assertThat(db.type()).isEqualTo("jdbc");
      assertThat(db.interval()).isEqualTo(Duration.ofMillis(500));
      assertThat(db.timeout()).isEqualTo(Duration.ofMillis(500));
      assertThat(db.kinds()).containsExactly(ProbeKind.READINESS);
      assertThat(db.critical()).isTrue();
      ProbeReport r = monitor.report().probe("redis").orElseThrow();
      assertThat(r.type()).isEqualTo("redis");
      assertThat(r.critical()).isFalse();
      assertThat(r.kinds()).containsExactlyInAnyOrder(ProbeKind.LIVENESS, ProbeKind.READINESS);

      String url = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port") + "/probes";
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("db=UP pool=app-pool poolMax=10").contains("redis=UP");
      });
    }
  }

  @Test
  void theSwitchesAreKeysTheEngineKnows() {
    try (ConfigurableApplicationContext ctx = start("--vitals.spring.probes.redis.enabled=false",
        "--vitals.spring.probes.datasource.enabled=true")) {
      HealthMonitor monitor = ctx.getBean(HealthMonitor.class);
      assertThat(monitor.report().probes()).extracting(ProbeReport::name).containsExactly("db");
    }
  }

  @Test
  void aMisspeltSwitchFailsStartUpWithDidYouMean() {
    assertThatThrownBy(() -> start("--vitals.spring.probes.redis.enable=false"))
        .hasStackTraceContaining("vitals.spring.probes.redis.enable")
        .hasStackTraceContaining("did you mean")
        .hasStackTraceContaining("vitals.spring.probes.redis.enabled");
  }

  @Test
  void aSwitchThatIsNotABooleanFailsStartUpNamingTheKey() {
    assertThatThrownBy(() -> start("--vitals.spring.probes.datasource.enabled=nope"))
        .hasStackTraceContaining("vitals.spring.probes.datasource.enabled")
        .hasStackTraceContaining("nope");
  }

  private static ConfigurableApplicationContext start(String... args) {
    String[] all = new String[args.length + 6];
    all[0] = "--server.port=0";
    all[1] = "--server.address=127.0.0.1";
    all[2] = "--spring.datasource.url=jdbc:h2:mem:app;DB_CLOSE_DELAY=-1";
    all[3] = "--spring.datasource.hikari.pool-name=app-pool";
    all[4] = "--spring.data.redis.port=" + redis.port();
    all[5] = "--spring.autoconfigure.exclude="; // this module's test application.properties leaves Redis out
    System.arraycopy(args, 0, all, 6, args.length);
    SpringApplication app = new SpringApplication(App.class);
    return app.run(all);
  }

  /** The application: Boot's auto-configurations, a stand-in for the starter's monitor bean, one controller. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {

    /** As the starter's monitor bean: every vitals.* key of the Environment and every Probe bean. */
    @Bean(destroyMethod = "close")
    HealthMonitor vitalsMonitor(ConfigurableEnvironment env, ObjectProvider<Probe> probes) {
      Map<String, String> keys = new TreeMap<>();
      env.getPropertySources().forEach(ps -> {
        if (ps instanceof EnumerablePropertySource<?> e) {
          for (String n : e.getPropertyNames()) {
            if (n.startsWith("vitals.")) {
              keys.putIfAbsent(n, env.getProperty(n));
            }
          }
        }
      });
      HealthMonitor.Builder b = HealthMonitor.builder().config(keys);
      probes.orderedStream().forEach(b::probe);
      return b.build().start();
    }

    @Bean
    ProbeStates probeStates(HealthMonitor monitor) {
      return new ProbeStates(monitor);
    }
  }

  @RestController
  static class ProbeStates {
    private final HealthMonitor monitor;

    ProbeStates(HealthMonitor monitor) {
      this.monitor = monitor;
    }

    @GetMapping("/probes")
    String probes() {
      return monitor.report().probes().stream().map(p -> p.name() + "=" + p.status()
          + p.lastResult().map(r -> r.details().containsKey("pool")
              ? " pool=" + r.details().get("pool") + " poolMax=" + r.details().get("poolMax") : "").orElse(""))
          .collect(Collectors.joining("\n"));
    }
  }
}
