package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.vitals.api.HealthReport;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serves the status page from a JDK HttpServer on loopback and opens it in headless Chromium (the
 * Debian package {@code chromium}): the page must show its statuses, show hostile probe messages as
 * text without running them, and render to a screenshot.
 */
class StatusPageBrowserTest {

  private static final Path SCREENSHOT = Path.of("target", "status-page.png");
  private static final Path SCREENSHOT_EMPTY = Path.of("target", "status-page-empty.png");
  private static final Path SCREENSHOT_OBJECTIVES = Path.of("target", "status-page-objectives.png");
  private static final Path SCREENSHOT_HISTORY = Path.of("target", "status-page-history.png");
  private static final Path SCREENSHOT_BADGE = Path.of("target", "badge.png");

  private static HttpServer server;
  private static String chromium;

  @BeforeEach
  void requireChromium() {
    chromium = findChromium().orElse(null);
    if (chromium == null) {
      String message = "headless Chromium not found on PATH: install the Debian package chromium "
          + "(apt-get install -y chromium) to run the status page browser test";
      if ("true".equals(System.getenv("CI"))) {
        fail(message + " (CI=true, so this is a failure, not a skip)");
      }
      Assumptions.abort(message);
    }
  }

  @BeforeAll
  static void startServer() throws IOException {
    HealthReport realistic = StatusPageFixtures.realistic();
    HealthReport empty = StatusPageFixtures.empty();
    HealthReport objectives = StatusPageFixtures.realisticWithObjectives();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/status", exchange -> {
      byte[] body = StatusPage.render(realistic, StatusPageFixtures.NOW).getBytes(StandardCharsets.UTF_8);
      respond(exchange, body);
    });
    server.createContext("/empty", exchange -> {
      byte[] body = StatusPage.render(empty, StatusPageFixtures.NOW).getBytes(StandardCharsets.UTF_8);
      respond(exchange, body);
    });
    String withHistory = StatusPage.render(realistic, StatusPageFixtures.NOW, true, historyDays(realistic));
    server.createContext("/history", exchange -> respond(exchange, withHistory.getBytes(StandardCharsets.UTF_8)));
    server.createContext("/badge", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "image/svg+xml");
      byte[] body = Badge.svg("orders-db", "DEGRADED \u00b7 99.95%", Badge.ORANGE, "t").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/objectives", exchange -> {
      byte[] body = StatusPage.render(objectives, StatusPageFixtures.NOW).getBytes(StandardCharsets.UTF_8);
      respond(exchange, body);
    });
    server.start();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void renderedDomShowsStatusesAndHostileMessagesAsInertText(@TempDir Path profile) throws Exception {
    String dom = runChromium(profile, "--dump-dom", url("/status"));

    assertThat(dom).contains("<title>DOWN · Vitals status</title>");
    assertThat(dom).doesNotContain("pwned</title>").doesNotContain("<title>pwned");
    assertThat(dom).contains("Service down")
        .contains("orders-db").contains("session-cache").contains("payments-api").contains("ledger")
        .contains("</span> UP</span>").contains("</span> DEGRADED</span>")
        .contains("</span> DOWN</span>").contains("</span> UNKNOWN</span>")
        .contains("STALE");
    // The hostile message is in the document as text (serialised escaped), never as elements.
    assertThat(dom).contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;")
        .contains("&lt;img src=x onerror=\"document.title='pwned-img'\"&gt;");
    assertThat(dom).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
    assertThat(dom).contains("class=\"uptime\"").contains("class=\"sparkline\"");
  }

  /**
   * 90 days of history for the realistic report's probes and trackers: orders-db observed for 40 days with
   * a bad day and a hostile incident message, the others for 12 days, a partly observed first day.
   */
  private static HistoryViews.Days historyDays(HealthReport report) {
    java.time.Instant today = java.time.Instant.parse("2026-11-27T00:00:00Z");
    MemoryHistory h = new MemoryHistory().upDays("orders-db", today.minus(java.time.Duration.ofDays(40)), 40)
        .probe("orders-db", today.minus(java.time.Duration.ofDays(6)), java.time.Duration.ofDays(1), 100, 10,
            java.time.Duration.ofMinutes(1300), java.time.Duration.ofMinutes(140))
        .probe("orders-db", today, java.time.Duration.ofMinutes(641), 100, 0, java.time.Duration.ofMinutes(641),
            java.time.Duration.ZERO)
        .transition("orders-db", dev.vitals.api.Status.UP, dev.vitals.api.Status.DOWN,
            today.minus(java.time.Duration.ofDays(6)).plus(java.time.Duration.ofHours(3)),
            "<script>document.title='pwned'</script>")
        .transition("orders-db", dev.vitals.api.Status.DOWN, dev.vitals.api.Status.UP,
            today.minus(java.time.Duration.ofDays(6)).plus(java.time.Duration.ofHours(5)).plusSeconds(20 * 60), "");
    for (dev.vitals.api.ProbeReport p : report.probes()) {
      if (!p.name().equals("orders-db")) {
        h.probe(p.name(), today.minus(java.time.Duration.ofDays(12)).plus(java.time.Duration.ofHours(15)),
            java.time.Duration.ofHours(9), 10, 0, java.time.Duration.ofHours(9), java.time.Duration.ZERO);
        h.upDays(p.name(), today.minus(java.time.Duration.ofDays(11)), 11);
      }
    }
    for (dev.vitals.api.TrackerReport t : report.trackers()) {
      h.tracker(t.name(), today.minus(java.time.Duration.ofDays(3)), java.time.Duration.ofDays(1), 1000, 5);
      h.tracker(t.name(), today, java.time.Duration.ofHours(1), 1000, 30);
    }
    return new HistoryViews(() -> Optional.of(h), new dev.vitals.test.ManualClock(StatusPageFixtures.NOW))
        .days(report).orElseThrow();
  }

  @Test
  void theHistorySectionsShowInTheRenderedDomWithHostileMessagesAsInertText(@TempDir Path profile)
      throws Exception {
    String dom = runChromium(profile, "--dump-dom", url("/history"));

    assertThat(dom).contains(">Uptime history</h2>").contains(">Incidents</h2>").contains("class=\"days days-30\"")
        .contains("class=\"days days-90\"").contains("day-bad").contains("day-none");
    assertThat(dom).contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;");
    assertThat(dom).doesNotContain("pwned</title>").doesNotContainIgnoringCase("<script");
  }

  @Test
  void screenshotOfAPageWithHistoryIsAPng(@TempDir Path profile) throws Exception {
    Files.deleteIfExists(SCREENSHOT_HISTORY);
    runChromium(profile, "--screenshot=" + SCREENSHOT_HISTORY.toAbsolutePath(), "--window-size=1200,2200",
        "--hide-scrollbars", url("/history"));

    assertPng(SCREENSHOT_HISTORY, 1200, 2200);
  }

  @Test
  void screenshotOfABadgeIsAPng(@TempDir Path profile) throws Exception {
    Files.deleteIfExists(SCREENSHOT_BADGE);
    runChromium(profile, "--screenshot=" + SCREENSHOT_BADGE.toAbsolutePath(), "--window-size=400,60",
        "--hide-scrollbars", url("/badge"));

    assertThat(SCREENSHOT_BADGE).exists();
    assertThat(new String(Files.readAllBytes(SCREENSHOT_BADGE), 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  void screenshotOfTheStatusPageIsAPng(@TempDir Path profile) throws Exception {
    Files.deleteIfExists(SCREENSHOT);
    runChromium(profile, "--screenshot=" + SCREENSHOT.toAbsolutePath(), "--window-size=1200,900",
        "--hide-scrollbars", url("/status"));

    assertPng(SCREENSHOT, 1200, 900);
  }

  @Test
  void screenshotOfAnEmptyReportIsAPng(@TempDir Path profile) throws Exception {
    Files.deleteIfExists(SCREENSHOT_EMPTY);
    runChromium(profile, "--screenshot=" + SCREENSHOT_EMPTY.toAbsolutePath(), "--window-size=1200,900",
        "--hide-scrollbars", url("/empty"));

    assertPng(SCREENSHOT_EMPTY, 1200, 900);
  }

  @Test
  void objectivesShowInTheRenderedDomWithHostileNamesAsInertText(@TempDir Path profile) throws Exception {
    String dom = runChromium(profile, "--dump-dom", url("/objectives"));

    assertThat(dom).contains("<title>DOWN · Vitals status</title>").contains(">Objectives</h2>")
        .contains("checkout-fast").contains("api-ok").contains("99.9 %").contains("overspent (-50 %)")
        .contains("class=\"budget-bar\"").contains("15.0×");
    assertThat(dom).contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;");
    assertThat(dom).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
  }

  @Test
  void screenshotOfAPageWithObjectivesIsAPng(@TempDir Path profile) throws Exception {
    Files.deleteIfExists(SCREENSHOT_OBJECTIVES);
    runChromium(profile, "--screenshot=" + SCREENSHOT_OBJECTIVES.toAbsolutePath(), "--window-size=1200,1500",
        "--hide-scrollbars", url("/objectives"));

    assertPng(SCREENSHOT_OBJECTIVES, 1200, 1500);
  }

  private static void assertPng(Path file, int width, int height) throws IOException {
    assertThat(file).exists();
    byte[] png = Files.readAllBytes(file);
    assertThat(png.length).isGreaterThan(5_000);
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
    assertThat(header.getInt()).as("width").isEqualTo(width);
    assertThat(header.getInt()).as("height").isEqualTo(height);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Runs headless Chromium with a fresh profile and returns its standard output. */
  private static String runChromium(Path profile, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath()));
    cmd.addAll(List.of(args));
    Path stdout = Files.createTempFile("chromium-out", ".txt");
    Path stderr = Files.createTempFile("chromium-err", ".txt");
    Process process = new ProcessBuilder(cmd)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        fail("Chromium did not finish within 90 s: " + cmd + "\n" + Files.readString(stderr));
      }
      assertThat(process.exitValue()).as("Chromium exit code; stderr:\n%s", Files.readString(stderr)).isZero();
      return Files.readString(stdout);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static Optional<String> findChromium() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("chromium", "chromium-browser")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate.toString());
        }
      }
    }
    return Optional.empty();
  }
}
