package dev.vitals.spring.boot.probes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

class ProbeRegistrarTest {

  @Test
  void aBeanNameIsReducedToTheProbeNameRule() {
    assertThat(ProbeRegistrar.probeName("db", "billing.main")).isEqualTo("db-billing-main");
    assertThat(ProbeRegistrar.probeName("redis", "cache$Proxy#1")).isEqualTo("redis-cache-Proxy-1");
    String longName = ProbeRegistrar.probeName("db", "x".repeat(100));
    assertThat(longName).hasSize(Names.MAX_LENGTH);
    assertThat(Names.isValid(longName)).isTrue();
  }

  @Test
  void theTimeoutIsTheKeysOrTheDefaultCappedByTheInterval() {
    assertThat(ProbeRegistrar.timeout(new MockEnvironment(), "db")).isEqualTo(Duration.ofSeconds(2));
    assertThat(ProbeRegistrar.timeout(new MockEnvironment().withProperty("vitals.probes.db.timeout", "3s"), "db"))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(ProbeRegistrar.timeout(new MockEnvironment().withProperty("vitals.probes.db.interval", "750ms"), "db"))
        .isEqualTo(Duration.ofMillis(750));
    // a value the engine refuses: the default here, and the monitor reports the key at start-up
    assertThat(ProbeRegistrar.timeout(new MockEnvironment().withProperty("vitals.probes.db.timeout", "soon"), "db"))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aUsersOwnProbeBeansStayBesideTheContributedOnes() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, VitalsProbesAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:own")
        .withBean("payments", Probe.class, () -> Probe.of("payments", ProbeResult::up))
        .run(ctx -> assertThat(ctx.getBeansOfType(Probe.class).values()).extracting(Probe::name)
            .containsExactlyInAnyOrder("db", "payments"));
  }
}
