package dev.vitals.spring.boot.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.probes.jdbc.JdbcProbe;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Boot 3.5: real H2 and PostgreSQL pools that Boot's own DataSource auto-configuration builds (HikariCP). */
class DataSourceProbeTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, VitalsProbesAutoConfiguration.class))
      .withPropertyValues("spring.datasource.url=jdbc:h2:mem:probes;DB_CLOSE_DELAY=-1",
          "spring.datasource.hikari.pool-name=app-pool");

  @Test
  void oneDataSourceIsProbedAsDbWithThePoolsUsage() {
    runner.run(ctx -> {
      assertThat(ctx.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
      Probe probe = ctx.getBean(ProbeRegistrar.BEAN_PREFIX + "db", Probe.class);
      assertThat(probe.name()).isEqualTo("db");
      assertThat(probe.type()).isEqualTo("jdbc");

      assertThat(probe.check().status()).isEqualTo(Status.UP); // starts the pool
      ProbeResult r = probe.check();
      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.details()).containsEntry("database", "H2").containsEntry("pool", "app-pool")
          .containsEntry("poolMax", 10).containsEntry("poolWaiting", 0).containsKeys("poolActive", "poolIdle", "poolTotal");
    });
  }

  @Test
  void anExhaustedPoolWithWaitingThreadsIsDegradedAndTheProbeDoesNotJoinTheQueue() {
    runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=1",
        "spring.datasource.hikari.connection-timeout=30000").run(ctx -> {
          HikariDataSource ds = (HikariDataSource) ctx.getBean(DataSource.class);
          Probe probe = ctx.getBean(ProbeRegistrar.BEAN_PREFIX + "db", Probe.class);
          try (Connection held = ds.getConnection()) {
            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
              try (Connection c = ds.getConnection()) {
                c.isValid(1);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
            await().atMost(Duration.ofSeconds(10))
                .until(() -> ds.getHikariPoolMXBean().getThreadsAwaitingConnection() == 1);
            ProbeResult r = probe.check();
            assertThat(r.status()).isEqualTo(Status.DEGRADED);
            assertThat(r.message()).hasValue("all 1 connections of pool 'app-pool' are in use and 1 thread(s)"
                + " wait for one; the probe did not join the queue");
            assertThat(r.details()).containsEntry("poolActive", 1).containsEntry("poolWaiting", 1);
            held.close();
            waiter.get();
          }
          assertThat(probe.check().status()).isEqualTo(Status.UP);
        });
  }

  @Test
  void theClientLimitFollowsTheOrdinaryTimeoutKey() {
    runner.withPropertyValues("vitals.probes.db.timeout=1s").run(ctx -> {
      JdbcProbe probe = (JdbcProbe) ctx.getBean(ProbeRegistrar.BEAN_PREFIX + "db", Probe.class);
      assertThat(probe.defaults().timeout()).hasValue(Duration.ofSeconds(1));
      assertThat(probe.clientTimeout()).isEqualTo(Duration.ofMillis(750));
    });
    // no timeout given: the default, but never more than the interval
    runner.withPropertyValues("vitals.probes.db.interval=1s").run(ctx -> {
      JdbcProbe probe = (JdbcProbe) ctx.getBean(ProbeRegistrar.BEAN_PREFIX + "db", Probe.class);
      assertThat(probe.defaults().timeout()).hasValue(Duration.ofSeconds(1));
    });
    runner.run(ctx -> {
      JdbcProbe probe = (JdbcProbe) ctx.getBean(ProbeRegistrar.BEAN_PREFIX + "db", Probe.class);
      assertThat(probe.defaults().timeout()).hasValue(Duration.ofSeconds(2));
    });
  }

  @Test
  void severalDataSourcesGiveOneProbeEachNamedAfterTheBean() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VitalsProbesAutoConfiguration.class))
        .withBean("orders", DataSource.class, () -> h2("orders"))
        .withBean("billing.main", DataSource.class, () -> h2("billing"))
        .run(ctx -> {
          assertThat(ctx.getBeansOfType(Probe.class).values()).extracting(Probe::name)
              .containsExactlyInAnyOrder("db-orders", "db-billing-main");
          for (Probe p : ctx.getBeansOfType(Probe.class).values()) {
            assertThat(p.check().status()).isEqualTo(Status.UP);
          }
        });
  }

  @Test
  void switchedOffThereIsNoProbe() {
    runner.withPropertyValues("vitals.spring.probes.datasource.enabled=false").run(ctx -> {
      assertThat(ctx).hasSingleBean(DataSource.class);
      assertThat(ctx.getBeansOfType(Probe.class)).isEmpty();
    });
  }

  @Test
  void postgresUpThenDownWithARedactedMessageWhenTheServerStops() throws Exception {
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    try {
      String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
      runner.withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=postgres",
          "spring.datasource.password=pg-S3cret", "vitals.probes.db.timeout=1s").run(ctx -> {
            Probe probe = ctx.getBean(ProbeRegistrar.BEAN_PREFIX + "db", Probe.class);
            ProbeResult up = probe.check();
            assertThat(up.status()).as(up.message().orElse("")).isEqualTo(Status.UP);
            assertThat(up.details()).containsEntry("database", "PostgreSQL");

            pg.close();
            ProbeResult down = probe.check();
            assertThat(down.status()).isEqualTo(Status.DOWN);
            // which one depends on timing: the pool hands out the connection just returned without checking it
            // (HikariCP's alive-bypass window, then the probe's own isValid fails), or checks it and has none
            assertThat(down.message()).hasValueSatisfying(m -> assertThat(m)
                .containsAnyOf("no valid connection from pool 'app-pool'", "connection refused",
                    "the connection is not valid: isValid(1) returned false")
                .doesNotContain("pg-S3cret"));
            assertThat(down.toString()).doesNotContain("pg-S3cret");
          });
    } finally {
      pg.close();
    }
  }

  private static DataSource h2(String db) {
    return DataSourceBuilder.create().type(HikariDataSource.class).url("jdbc:h2:mem:" + db).username("sa").build();
  }
}
