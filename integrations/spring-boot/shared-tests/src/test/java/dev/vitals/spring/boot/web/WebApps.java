package dev.vitals.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.TrackerReport;
import dev.vitals.core.HealthMonitor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared pieces of the real-application tests: the monitor bean, an HTTP client, a strict exposition check. */
final class WebApps {

  private WebApps() {}

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The application's monitor (see {@link TestMonitor}). */
  @Configuration(proxyBeanMethods = false)
  static class MonitorConfig {
    @Bean
    TestMonitor vitalsTestMonitor(ObjectProvider<HealthMonitor> monitor) {
      return new TestMonitor(monitor);
    }

    /** The starter's monitor on the test's clock. */
    @Bean
    dev.vitals.spring.boot.VitalsMonitorCustomizer vitalsTestClock(TestMonitor t) {
      return b -> b.clock(t.clock).scheduler(t.clock.scheduler()).executor(t.clock.executor());
    }

    /** Requests are timed on the test's clock too, so a handler's own work takes the time it says. */
    @Bean
    dev.vitals.api.Clock vitalsRequestClock(TestMonitor t) {
      return t.clock;
    }
  }

  static HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static Optional<TrackerReport> tracker(HealthMonitor m, String name) {
    return m.report().tracker(name);
  }

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\"\\\\n])*\",?)*\\})? "
          + "([-+]?([0-9.]+([eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?");

  /**
   * Checks Prometheus text format 0.0.4 line by line (HELP/TYPE comments with valid names and types, samples
   * with valid names, labels and values, a final newline) and returns the sample names with their TYPE.
   */
  static Map<String, String> parseText(String text) {
    assertThat(text).endsWith("\n");
    Map<String, String> types = new java.util.TreeMap<>();
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      if (line.startsWith("# HELP ")) {
        assertThat(NAME.matcher(line.substring(7).split(" ", 2)[0]).matches()).as(line).isTrue();
      } else if (line.startsWith("# TYPE ")) {
        String[] p = line.substring(7).split(" ");
        assertThat(p).as(line).hasSize(2);
        assertThat(NAME.matcher(p[0]).matches()).as(line).isTrue();
        assertThat(p[1]).as(line).isIn("counter", "gauge", "histogram", "summary", "untyped");
        types.put(p[0], p[1]);
      } else {
        assertThat(SAMPLE.matcher(line).matches()).as("sample line: %s", line).isTrue();
      }
    }
    return types;
  }
}
