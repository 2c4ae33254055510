package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

  private final TestHttpServer server = TestHttpServer.http();
  private final List<HttpProbe> probes = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    probes.forEach(HttpProbe::close);
    server.close();
  }

  private HttpProbe.Builder probe(String path) {
    return HttpProbe.builder("api").url(server.url(path)).timeout(Duration.ofSeconds(2));
  }

  private ProbeResult check(HttpProbe.Builder b) throws Exception {
    HttpProbe p = b.build();
    probes.add(p);
    return p.check();
  }

  @Test
  void expectedStatusIsUpWithStatusCodeAndUrlInDetails() throws Exception {
    server.answer("/health", 200, "text/plain", "ok");
    ProbeResult r = check(probe("/health"));
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.message()).contains("HTTP 200");
    assertThat(r.details()).containsEntry("statusCode", 200).containsEntry("url", server.url("/health"));
  }

  @Test
  void defaultsAreTheApiBudgetAndTheTimeout() {
    HttpProbe p = probe("/").build();
    assertThat(p.type()).isEqualTo("http");
    assertThat(p.defaults().budget()).contains(LatencyBudget.API);
    assertThat(p.defaults().timeout()).contains(Duration.ofSeconds(2));
  }

  @Test
  void unexpectedStatusIsDownNamingCodeAndExpectedRange() throws Exception {
    server.answer("/health", 503, "text/plain", "maintenance");
    ProbeResult r = check(probe("/health"));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .contains("HTTP 503").contains("GET " + server.url("/health")).contains("expected 200-299"));
    assertThat(r.details()).containsEntry("statusCode", 503);
  }

  @Test
  void configuredStatusListAcceptsA304() throws Exception {
    server.answer("/cached", 304, null, "");
    assertThat(check(probe("/cached").expectedStatus("200-299,304")).status()).isEqualTo(Status.UP);
  }

  @Test
  void defaultStatusRangeRejectsA304() throws Exception {
    server.answer("/cached", 304, null, "");
    assertThat(check(probe("/cached")).status()).isEqualTo(Status.DOWN);
  }

  @Test
  void headRequestUsesTheHeadMethod() throws Exception {
    List<String> methods = new CopyOnWriteArrayList<>();
    server.handle("/h", ex -> {
      methods.add(ex.getRequestMethod());
      TestHttpServer.respond(ex, 200, "text/plain", "ok");
    });
    assertThat(check(probe("/h").method("head")).status()).isEqualTo(Status.UP);
    assertThat(methods).containsExactly("HEAD");
  }

  @Test
  void configuredHeadersAreSentAndTheirValuesNeverShown() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    server.handle("/auth", ex -> {
      seen.add(ex.getRequestHeaders().getFirst("Authorization"));
      seen.add(ex.getRequestHeaders().getFirst("X-Custom"));
      TestHttpServer.respond(ex, 401, "text/plain", "no");
    });
    HttpProbe p = probe("/auth").header("Authorization", "Bearer s3cr3t-t0ken").header("X-Custom", "hidden-value").build();
    probes.add(p);
    ProbeResult r = p.check();
    assertThat(seen).containsExactly("Bearer s3cr3t-t0ken", "hidden-value");
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.toString()).doesNotContain("s3cr3t-t0ken").doesNotContain("hidden-value");
    assertThat(p.toString()).doesNotContain("s3cr3t-t0ken").doesNotContain("hidden-value");
  }

  @Test
  void secretInTheUrlQueryIsRedactedInResults() throws Exception {
    server.answer("/q", 500, "text/plain", "");
    ProbeResult r = check(probe("/q?token=abcdef123"));
    assertThat(r.toString()).doesNotContain("abcdef123");
  }

  @Test
  void bodyContainingTheTextIsUp() throws Exception {
    server.answer("/b", 200, "text/plain", "status: all good");
    assertThat(check(probe("/b").bodyContains("all good")).status()).isEqualTo(Status.UP);
  }

  @Test
  void bodyNotContainingTheTextIsDownQuotingTextAndBodyStart() throws Exception {
    server.answer("/b", 200, "text/plain", "status: degraded");
    ProbeResult r = check(probe("/b").bodyContains("all good"));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .contains("does not contain 'all good'").contains("status: degraded"));
  }

  @Test
  void bodyMatchingTheRegexIsUpAndMismatchIsDown() throws Exception {
    server.answer("/v", 200, "text/plain", "version=1.42.0");
    assertThat(check(probe("/v").bodyRegex("version=1\\.\\d+")).status()).isEqualTo(Status.UP);
    ProbeResult r = check(probe("/v").bodyRegex("version=2\\.\\d+"));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("does not match").contains("version=2"));
  }

  @Test
  void jsonPointerEqualToTheExpectedValueIsUp() throws Exception {
    server.answer("/j", 200, "application/json", "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"ok\":true}],\"n\":1.0}");
    assertThat(check(probe("/j").jsonPointerEquals("/status", "UP")).status()).isEqualTo(Status.UP);
    assertThat(check(probe("/j").jsonPointerEquals("/checks/0/ok", "true")).status()).isEqualTo(Status.UP);
    assertThat(check(probe("/j").jsonPointerEquals("/n", "1")).status()).isEqualTo(Status.UP);
    assertThat(check(probe("/j").jsonPointer("/checks/0/name")).status()).isEqualTo(Status.UP);
  }

  @Test
  void jsonPointerWithAnotherValueIsDownShowingBothValues() throws Exception {
    server.answer("/j", 200, "application/json", "{\"status\":\"DOWN\"}");
    ProbeResult r = check(probe("/j").jsonPointerEquals("/status", "\"UP\""));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).contains("JSON pointer /status is \"DOWN\", expected \"UP\" (json-equals)");
  }

  @Test
  void jsonPointerToNothingIsDown() throws Exception {
    server.answer("/j", 200, "application/json", "{\"status\":\"UP\"}");
    ProbeResult r = check(probe("/j").jsonPointer("/checks/0"));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).contains("JSON pointer /checks/0 refers to nothing in the response body");
  }

  @Test
  void bodyThatIsNotJsonIsDownForAJsonPointer() throws Exception {
    server.answer("/j", 200, "text/html", "<html>login</html>");
    ProbeResult r = check(probe("/j").jsonPointerEquals("/status", "UP"));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .contains("response body is not JSON").contains("invalid JSON at offset 0"));
  }

  @Test
  void bodyLargerThanTheLimitIsDownWhenABodyCheckNeedsIt() throws Exception {
    String big = "x".repeat(HttpProbe.MAX_BODY_BYTES + 10);
    server.answer("/big", 200, "text/plain", big);
    ProbeResult r = check(probe("/big").bodyContains("y"));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).contains("response body is larger than the 1048576 bytes the body checks read");
  }

  @Test
  void largeBodyWithoutBodyChecksIsReadAndUp() throws Exception {
    server.answer("/big", 200, "text/plain", "x".repeat(3 * HttpProbe.MAX_BODY_BYTES));
    assertThat(check(probe("/big")).status()).isEqualTo(Status.UP);
  }

  @Test
  void bodyIsDecodedWithTheCharsetOfItsContentType() throws Exception {
    server.handle("/latin", ex -> {
      byte[] b = "café".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      ex.getResponseHeaders().set("Content-Type", "text/plain; charset=ISO-8859-1");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    assertThat(check(probe("/latin").bodyContains("café")).status()).isEqualTo(Status.UP);
  }

  @Test
  void checksMayRunConcurrentlyOnOneProbe() throws Exception {
    server.answer("/c", 200, "text/plain", "ok");
    HttpProbe p = probe("/c").bodyContains("ok").build();
    probes.add(p);
    List<Status> statuses = new CopyOnWriteArrayList<>();
    Thread[] threads = new Thread[4];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(() -> {
        for (int j = 0; j < 25; j++) {
          try {
            statuses.add(p.check().status());
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(statuses).hasSize(100).containsOnly(Status.UP);
  }

  @Test
  void aClosedProbeChecksAgainWithANewClient() throws Exception {
    server.answer("/c", 200, "text/plain", "ok");
    HttpProbe p = probe("/c").build();
    probes.add(p);
    assertThat(p.check().status()).isEqualTo(Status.UP);
    p.close();
    p.close();
    assertThat(p.check().status()).isEqualTo(Status.UP);
  }
}
