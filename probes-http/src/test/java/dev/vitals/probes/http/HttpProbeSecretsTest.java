package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ProbeConfig;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A target that echoes what it receives (a debugging endpoint, a proxy's error page) must not make the
 * probe show its header values or URL secrets: in its message, its details or its {@code toString}.
 */
class HttpProbeSecretsTest {

  private static final String API_KEY = "k3y-ECHOED-4c1d9e7f";
  private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.sig/nature+x=";

  private final TestHttpServer server = TestHttpServer.http();
  private final List<HttpProbe> probes = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    probes.forEach(HttpProbe::close);
    server.close();
  }

  /**
   * Answers with the request's headers and query, in forms the form-based redaction does not know:
   * text lines {@code Name -> value}, or JSON pairs {@code [["Name","value"], ...]}.
   */
  private static void echo(HttpExchange ex, boolean json) throws java.io.IOException {
    // the key first: an excerpt of the body shows its first 100 characters
    Map<String, String> seen = new java.util.LinkedHashMap<>();
    seen.put("X-Api-Key", ex.getRequestHeaders().getFirst("X-Api-Key"));
    new TreeMap<>(ex.getRequestHeaders()).forEach((k, v) -> seen.putIfAbsent(k, String.join(",", v)));
    seen.put("query", String.valueOf(ex.getRequestURI().getRawQuery()));
    StringBuilder body = new StringBuilder();
    if (json) {
      body.append("{\"status\":\"DOWN\",\"received\":[");
      seen.forEach((k, v) -> body.append("[\"").append(k).append("\",\"")
          .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/")).append("\"],"));
      body.setLength(body.length() - 1);
      body.append("]}");
    } else {
      seen.forEach((k, v) -> body.append(k).append(" -> ").append(v).append('\n'));
    }
    TestHttpServer.respond(ex, 200, json ? "application/json" : "text/plain", body.toString());
  }

  private HttpProbe probe(String path, java.util.function.UnaryOperator<HttpProbe.Builder> more) {
    HttpProbe p = more.apply(HttpProbe.builder("api").url(server.url(path)).timeout(Duration.ofSeconds(2))
        .header("X-Api-Key", API_KEY).header("Authorization", "Bearer " + TOKEN)
        .header("Accept", "application/vnd.vitals-test+json")).build();
    probes.add(p);
    return p;
  }

  private static void assertShowsNoSecret(ProbeResult r, HttpProbe p) {
    String all = r.toString() + " " + r.details() + " " + p;
    assertThat(all).doesNotContain(API_KEY).doesNotContain(TOKEN)
        .doesNotContain(API_KEY.substring(0, 8)).doesNotContain(TOKEN.substring(0, 12))
        .doesNotContain(URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
  }

  @Test
  void aFailedBodyCheckQuotesTheEchoedBodyWithoutTheHeaderValues() throws Exception {
    server.handle("/echo", ex -> echo(ex, false));
    HttpProbe p = probe("/echo", b -> b.bodyContains("all good"));

    ProbeResult r = p.check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .contains("does not contain 'all good'").contains("****"));
    assertShowsNoSecret(r, p);
  }

  @Test
  void aFailedRegexQuotesTheEchoedBodyWithoutTheHeaderValues() throws Exception {
    server.handle("/echo", ex -> echo(ex, false));
    HttpProbe p = probe("/echo", b -> b.bodyRegex("^all good$"));

    ProbeResult r = p.check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("body-regex").contains("****"));
    assertShowsNoSecret(r, p);
  }

  @Test
  void aJsonPointerThatGetsTheEchoedHeaderShowsItMasked() throws Exception {
    server.handle("/echo", ex -> echo(ex, true));
    HttpProbe p = probe("/echo", b -> b.jsonPointerEquals("/received", "[]"));

    ProbeResult r = p.check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("JSON pointer /received is"));
    assertShowsNoSecret(r, p);
  }

  @Test
  void aSecretCutByTheExcerptIsMaskedBeforeTheCut() throws Exception {
    // the header value starts at character 95 of the body: an excerpt of 100 characters would end in its
    // first five characters if the body were cut before it was scrubbed
    server.handle("/cut", ex -> TestHttpServer.respond(ex, 200, "text/plain", "x".repeat(95)
        + ex.getRequestHeaders().getFirst("X-Api-Key")));
    HttpProbe p = probe("/cut", b -> b.bodyContains("all good"));

    ProbeResult r = p.check();

    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .contains("x".repeat(95) + "****").doesNotContain(API_KEY.substring(0, 5)));
  }

  @Test
  void aRedirectToAnEchoOfTheSecretShowsItsLocationMasked() throws Exception {
    server.handle("/go", ex -> TestHttpServer.redirect(ex, 302,
        "/login?next=%2Fhealth&presented=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8)));
    HttpProbe p = probe("/go", b -> b);

    ProbeResult r = p.check();

    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("HTTP 302 (Location: /login?next=%2Fhealth"));
    assertShowsNoSecret(r, p);
  }

  @Test
  void secretParametersOfTheUrlAreMaskedAndSoIsTheirEcho() throws Exception {
    server.handle("/q", ex -> echo(ex, false));
    HttpProbe p = HttpProbe.builder("api").url(server.url("/q?private_token=glpat-9f8e7d6c&client_secret=cs-1a2b3c4d"
        + "&region=eu")).bodyContains("all good").build();
    probes.add(p);

    ProbeResult r = p.check();

    assertThat(r.details().get("url")).isEqualTo(server.url("/q?private_token=****&client_secret=****&region=eu"));
    assertThat(r.toString() + p).doesNotContain("glpat-9f8e7d6c").doesNotContain("cs-1a2b3c4d").contains("region=eu");
  }

  @Test
  void theValueOfAPlainHeaderSuchAsAcceptIsShown() throws Exception {
    server.handle("/echo", ex -> echo(ex, false));
    HttpProbe p = probe("/echo", b -> b.bodyContains("all good"));

    ProbeResult r = p.check();

    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("application/vnd.vitals-test+json"));
  }

  @Test
  void aProbeFromConfigurationScrubsItsConfiguredHeaderValues() throws Exception {
    server.handle("/echo", ex -> echo(ex, false));
    HttpProbe p = (HttpProbe) new HttpProbeFactory().create(ProbeConfig.of("api", Config.of(Map.of(
        "type", "http", "url", server.url("/echo"), "headers.X-Api-Key", API_KEY, "body-contains", "all good"))));
    probes.add(p);

    ProbeResult r = p.check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertShowsNoSecret(r, p);
  }
}
