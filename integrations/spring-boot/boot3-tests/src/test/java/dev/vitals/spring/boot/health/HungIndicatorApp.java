package dev.vitals.spring.boot.health;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Boot 3.5 web application (with an H2 DataSource, whose db indicator becomes a probe) with the indicators the tests need: one that blocks forever, one that blocks until the
 * test opens a gate, one named like a Probe bean, a composite, and a Vitals-only Probe bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class HungIndicatorApp {

  static final CountDownLatch NEVER = new CountDownLatch(1);
  static final CountDownLatch GATE = new CountDownLatch(1);
  static final AtomicInteger CUSTOM_INDICATOR_CALLS = new AtomicInteger();
  /** The threads every indicator of this application ran on. */
  static final List<String> INDICATOR_THREADS = new CopyOnWriteArrayList<>();

  @Bean
  HealthIndicator hungHealthIndicator() {
    return () -> {
      INDICATOR_THREADS.add(Thread.currentThread().getName());
      try {
        NEVER.await(); // a dependency that never answers
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Health.up().build();
    };
  }

  @Bean
  HealthIndicator gateHealthIndicator() {
    return () -> {
      INDICATOR_THREADS.add(Thread.currentThread().getName());
      try {
        GATE.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Health.up().withDetail("version", "1.2").withDetail("password", "hunter2-secret").build();
    };
  }

  @Bean
  HealthIndicator customHealthIndicator() {
    return () -> {
      CUSTOM_INDICATOR_CALLS.incrementAndGet();
      return Health.down().withDetail("from", "indicator").build();
    };
  }

  @Bean
  Probe customProbe() {
    return Probe.of("custom", () -> ProbeResult.builder(dev.vitals.api.Status.UP).detail("from", "probe").build());
  }

  @Bean
  Probe extraProbe() {
    return Probe.of("extra", ProbeResult::up);
  }

  @Bean
  CompositeHealthContributor queuesHealthContributor() {
    HealthIndicator orders = () -> {
      INDICATOR_THREADS.add(Thread.currentThread().getName());
      return Health.up().build();
    };
    HealthIndicator billing = () -> {
      INDICATOR_THREADS.add(Thread.currentThread().getName());
      return Health.down(new IllegalStateException("broker refused: password=s3cret-value")).build();
    };
    return CompositeHealthContributor.fromMap(Map.of("orders", orders, "billing", billing));
  }
}
