package dev.vitals.spring.boot.web;

import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The {@code vitalsMonitor} bean as the starter's monitor bean will build it (every {@code vitals.*} key of
 * the Environment), until that part is merged; its engine runs on a manual clock, so a test publishes a report
 * with the trackers' latest figures by advancing it (requests themselves are timed on the system clock).
 */
final class TestMonitor {

  final ManualClock clock = new ManualClock();
  final HealthMonitor monitor;

  TestMonitor(ConfigurableEnvironment env) {
    Map<String, String> keys = new TreeMap<>();
    for (PropertySource<?> source : env.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> e) {
        for (String name : e.getPropertyNames()) {
          if (name.startsWith("vitals.")) {
            keys.putIfAbsent(name, env.getProperty(name));
          }
        }
      }
    }
    monitor = HealthMonitor.builder().config(keys).clock(clock).scheduler(clock.scheduler())
        .executor(clock.executor()).discoverExporters(true).build().start();
  }

  /** Moves the engine one tracker rotation on, which publishes a report with the trackers' figures. */
  void rotate() {
    clock.advance(Duration.ofSeconds(10));
  }
}
