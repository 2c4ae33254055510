package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.SilentServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redirects are followed by the probe itself, hop by hop, each hop checked. */
class HttpRedirectTest {

  private final TestHttpServer server = TestHttpServer.http();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private HttpProbe probe;

  @AfterEach
  void stop() {
    if (probe != null) {
      probe.close();
    }
    server.close();
  }

  private void redirect(String from, int status, String to) {
    server.handle(from, ex -> {
      paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
      TestHttpServer.redirect(ex, status, to);
    });
  }

  private void ok(String path) {
    server.handle(path, ex -> {
      paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
      TestHttpServer.respond(ex, 200, "text/plain", "ok");
    });
  }

  private ProbeResult check(HttpProbe.Builder b) throws InterruptedException {
    probe = b.build();
    return probe.check();
  }

  @Test
  void redirectsAreNotFollowedByDefaultAndTheMessageShowsTheLocation() throws Exception {
    redirect("/old", 301, "/new");
    ok("/new");
    ProbeResult r = check(HttpProbe.builder("r").url(server.url("/old")));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("HTTP 301 (Location: /new; follow-redirects is off) from GET " + server.url("/old")));
    assertThat(paths).containsExactly("GET /old");
  }

  @Test
  void redirectsWithinMaxHopsAreFollowedToTheFinalResponse() throws Exception {
    redirect("/a", 302, "/b");
    redirect("/b", 307, server.url("/c"));
    ok("/c");
    ProbeResult r = check(HttpProbe.builder("r").url(server.url("/a")).followRedirects(true).maxRedirects(2));
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("redirects", 2).containsEntry("url", server.url("/c"));
    assertThat(paths).containsExactly("GET /a", "GET /b", "GET /c");
  }

  @Test
  void oneRedirectMoreThanMaxHopsIsDown() throws Exception {
    redirect("/a", 302, "/b");
    redirect("/b", 302, "/c");
    redirect("/c", 302, "/d");
    ok("/d");
    ProbeResult r = check(HttpProbe.builder("r").url(server.url("/a")).followRedirects(true).maxRedirects(2));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("too many redirects: more than 2 hops (max-redirects)").contains("goes to /d"));
    assertThat(paths).containsExactly("GET /a", "GET /b", "GET /c");
  }

  @Test
  void redirectLoopStopsAtTheDefaultMaxHops() throws Exception {
    redirect("/loop", 302, "/loop");
    ProbeResult r = check(HttpProbe.builder("r").url(server.url("/loop")).followRedirects(true));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).startsWith("too many redirects: more than 5 hops"));
    assertThat(paths).hasSize(6);
  }

  @Test
  void redirectToAHostOutsideTheAllowListIsRefusedWithoutContactingIt() throws Exception {
    redirect("/out", 302, "http://localhost:" + server.port() + "/internal");
    ok("/internal");
    ProbeResult r = check(HttpProbe.builder("r").url(server.url("/out")).followRedirects(true).allowedHosts("127.0.0.1"));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("redirect from " + server.url("/out") + " refused: host 'localhost'")
        .contains("is not in allowed-hosts (127.0.0.1)"));
    assertThat(paths).containsExactly("GET /out");
  }

  @Test
  void redirectToAnAllowedWildcardHostIsFollowed() throws Exception {
    redirect("/a", 302, "/b");
    ok("/b");
    ProbeResult r = check(HttpProbe.builder("r").url(server.url("/a")).followRedirects(true)
        .allowedHosts("*.example.com", "127.0.0.1"));
    assertThat(r.status()).isEqualTo(Status.UP);
  }

  @Test
  void redirectToAFileUrlIsRefused() throws Exception {
    redirect("/f", 302, "file:///etc/passwd");
    ProbeResult r = check(HttpProbe.builder("r").url(server.url("/f")).followRedirects(true));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .contains("refused: its Location file:///etc/passwd has the scheme 'file'; only http and https are followed"));
  }

  @Test
  void credentialsAreNotSentToAnotherOriginButAreOnTheSameOrigin() throws Exception {
    List<String> auth = new CopyOnWriteArrayList<>();
    try (TestHttpServer other = TestHttpServer.http()) {
      other.handle("/landing", ex -> {
        auth.add("other:" + ex.getRequestHeaders().getFirst("Authorization") + ":" + ex.getRequestHeaders().getFirst("X-Trace"));
        TestHttpServer.respond(ex, 200, "text/plain", "ok");
      });
      server.handle("/start", ex -> {
        auth.add("start:" + ex.getRequestHeaders().getFirst("Authorization"));
        TestHttpServer.redirect(ex, 302, "/hop");
      });
      server.handle("/hop", ex -> {
        auth.add("hop:" + ex.getRequestHeaders().getFirst("Authorization"));
        TestHttpServer.redirect(ex, 302, other.url("/landing"));
      });
      ProbeResult r = check(HttpProbe.builder("r").url(server.url("/start")).followRedirects(true)
          .header("Authorization", "Bearer abc123xyz").header("X-Trace", "t1"));
      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(auth).containsExactly("start:Bearer abc123xyz", "hop:Bearer abc123xyz", "other:null:t1");
    }
  }

  @Test
  void seeOtherAfterPostContinuesWithGet() throws Exception {
    redirect("/submit", 303, "/result");
    ok("/result");
    ProbeResult r = check(HttpProbe.builder("r").url(server.url("/submit")).method("POST").followRedirects(true));
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(paths).containsExactly("POST /submit", "GET /result");
  }

  @Test
  void permanentRedirectKeepsTheMethod() throws Exception {
    redirect("/put", 308, "/put2");
    ok("/put2");
    ProbeResult r = check(HttpProbe.builder("r").url(server.url("/put")).method("PUT").followRedirects(true));
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(paths).containsExactly("PUT /put", "PUT /put2");
  }

  @Test
  void oneDeadlineCoversEveryHop() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      redirect("/to-silent", 302, "http://127.0.0.1:" + silent.port() + "/");
      long start = System.nanoTime();
      ProbeResult r = check(HttpProbe.builder("r").url(server.url("/to-silent")).followRedirects(true)
          .timeout(Duration.ofMillis(500)));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).startsWith("timed out waiting for GET http://127.0.0.1:" + silent.port()));
      assertThat(r.details()).containsEntry("redirects", 1);
    }
  }
}
