package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JDK server writes an answer's headers and body in two writes; with Nagle's algorithm on, the
 * body waits for the client's delayed ACK, about 40 ms on Linux, on every keep-alive request. The
 * endpoint turns TCP_NODELAY on, so a request on loopback takes a millisecond or two.
 *
 * <p>Without TCP_NODELAY every one of these requests takes 40 ms or more (measured: 43 to 48 ms);
 * with it, 1 to 3 ms. The bound is generous (30 ms) and one request in ten may miss it, so a
 * scheduling hiccup on a busy build machine cannot fail the test, while the delayed-ACK stall, which
 * hits every request, always does.
 */
class NoDelayTest {

  @Test
  void keepAliveRequestsOnLoopbackDoNotWaitForDelayedAcks() throws IOException {
    HealthReport report = report(probe("db").build(), probe("cache").type("redis").build());
    try (HttpEndpoint e = HttpEndpoint.builder(() -> report).port(0).details(Details.ALWAYS).start()) {
      URI uri = e.uri();
      for (int i = 0; i < 20; i++) { // warm up: class loading, JIT, the client's connection
        assertThat(Http.get(uri, "/health").statusCode()).isEqualTo(200);
      }
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long start = System.nanoTime();
        HttpResponse<String> r = Http.get(uri, "/health");
        millis.add((System.nanoTime() - start) / 1_000_000);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSizeGreaterThan(500);
      }
      assertThat(System.getProperty(HttpEndpoint.NODELAY)).isEqualTo("true");
      assertThat(millis.stream().filter(ms -> ms < 30).count()).as("requests under 30 ms of " + millis)
          .isGreaterThanOrEqualTo(9);
      assertThat(millis.stream().sorted().skip(4).findFirst().orElseThrow()).as("median ms of " + millis)
          .isLessThan(15);
    }
  }
}
