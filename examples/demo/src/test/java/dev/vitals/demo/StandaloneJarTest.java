package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-alone monitor as a user runs it: the packaged jar in a process of its own, with a
 * configuration file. Every start-up mistake ends in one message that lists every problem (full key,
 * what was wrong, what is allowed), no stack trace, no secret, and exit status 2; every
 * {@code vitals.http.*} key reaches the endpoint it serves.
 */
@EnabledIfSystemProperty(named = DemoJar.JAR_PROPERTY, matches = ".+",
    disabledReason = "runs the packaged jar: in the package phase (mvn package or verify), after the shade plugin")
class StandaloneJarTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** Exit status 2 and one message on standard error, without a stack trace, without having started. */
  private static String failsWithOneMessage(DemoJar demo) {
    assertThat(demo.exitStatus()).as("exit status; it printed:\n" + demo.output()).isEqualTo(2);
    String err = demo.stderr();
    assertThat(err).startsWith("vitals-demo: ");
    assertThat(err).as("no stack trace").doesNotContainPattern("\\n\\s+at [\\w$.]+\\(").doesNotContain("Exception in thread");
    assertThat(demo.stdout()).doesNotContain("Vitals demo is up");
    return err;
  }

  private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void everyMistakeIsListedInOneMessageWithTheFullKeyAndWhatIsAllowed() throws Exception {
    Path config = file("bad.properties", String.join("\n",
        "vitals.http.details = sometimes",
        "vitals.http.threads = 0",
        "vitals.http.max-threads = lots",
        "vitals.http.request-timeout = 10",
        "vitals.http.backlog = -3",
        "vitals.http.hots = 0.0.0.0",
        "vitals.http.enabled = false",
        "vitals.http.token = tok-never-printed-1",
        "vitals.demo.driver = /opt/drivers",
        "vitals.probes.db.type = jdbc",
        "vitals.probes.db.url = jdbc:postgresql://127.0.0.1:1/app",
        "vitals.probes.db.password = pw-never-printed-2",
        "vitals.probes.db.interval = 0s",
        ""));
    DemoJar demo = DemoJar.launch(dir, List.of("-Dvitals.http.queue=0"), Map.of(),
        "--config", config.toString(), "--port", "0", "--bogus");
    String err = failsWithOneMessage(demo);
    assertThat(err).contains("Invalid configuration (11 problems):",
        "unknown argument '--bogus': expected --port N, --config FILE, --drivers DIR, --prometheus-rules,"
            + " --prometheus-recording-rules or --help",
        "vitals.http.details = 'sometimes' is not allowed: expected never, always or authorized",
        "vitals.http.threads = '0' is not allowed: expected an integer from 1 to 1024",
        "vitals.http.max-threads = 'lots' is not allowed: expected an integer from 1 to 4096",
        "vitals.http.request-timeout = '10' is not allowed",
        "vitals.http.backlog = '-3' is not allowed: expected an integer from 0 to 65535",
        "vitals.http.queue = '0' is not allowed: expected an integer from 1 to 1000000",
        "vitals.http.hots is not a known key: expected one of backlog, details, enabled, host, max-threads, port,"
            + " queue, request-timeout, threads, token",
        "vitals.http.enabled = 'false' is not allowed: expected true: the demo always serves its endpoint",
        "vitals.demo.driver is not a known key: expected vitals.demo.drivers",
        "vitals.probes.db.interval = '0s' is not allowed: expected a positive duration");
    assertThat(demo.output()).doesNotContain("tok-never-printed-1", "pw-never-printed-2");
  }

  @Test
  void printsTheFleetRecordingRulesAndExitsWithoutStarting() {
    DemoJar demo = DemoJar.launch(dir, "--prometheus-recording-rules");

    assertThat(demo.exitStatus()).as("exit status; it printed:\n" + demo.output()).isZero();
    assertThat(demo.stdout()).isEqualTo(dev.vitals.exporter.prometheus.VitalsPrometheus.recordingRules())
        .doesNotContain("Vitals demo is up");
  }

  @Test
  void withoutAConfigFileTheOverridesAreCheckedAllAtOnceToo() {
    DemoJar demo = DemoJar.launch(dir, List.of("-Dvitals.http.details=sometimes", "-Dvitals.probes.db.interval=0s",
        "-Dvitals.probes.cache.critical=perhaps"), Map.of(), "--port", "0");
    String err = failsWithOneMessage(demo);
    assertThat(err).contains("Invalid configuration (3 problems):",
        "vitals.http.details = 'sometimes' is not allowed: expected never, always or authorized",
        "vitals.probes.db.interval = '0s' is not allowed",
        "vitals.probes.cache.critical = 'perhaps' is not allowed");
  }

  @Test
  void authorizedDetailsWithoutATokenAreRefused() throws Exception {
    Path config = file("auth.properties", "vitals.http.details = authorized\n");
    String err = failsWithOneMessage(DemoJar.launch(dir, "--config", config.toString(), "--port", "0"));
    assertThat(err.trim()).isEqualTo("vitals-demo: vitals.http.token is missing: expected a bearer token when"
        + " vitals.http.details = authorized (such as ${VITALS_TOKEN})");
  }

  @Test
  void aBlankTokenIsRefused() throws Exception {
    Path config = file("blank.properties", "vitals.http.details = authorized\nvitals.http.token =    \n");
    String err = failsWithOneMessage(DemoJar.launch(dir, "--config", config.toString(), "--port", "0"));
    assertThat(err).contains("vitals.http.token is missing: expected a bearer token when vitals.http.details = authorized");
  }

  @Test
  void aDirectoryIsRefused() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("conf.d"));
    String err = failsWithOneMessage(DemoJar.launch(dir, "--config", folder.toString(), "--port", "0"));
    assertThat(err.trim()).isEqualTo("vitals-demo: --config " + folder + " is a directory: expected a properties file");
  }

  @Test
  void aMissingFileIsRefused() {
    Path missing = dir.resolve("nope.properties");
    String err = failsWithOneMessage(DemoJar.launch(dir, "--config", missing.toString(), "--port", "0"));
    assertThat(err.trim()).isEqualTo("vitals-demo: --config " + missing + ": no such file: expected a readable properties file");
  }

  @Test
  void aBadUnicodeEscapeNamesItsLineAndNotTheValue() throws Exception {
    Path config = file("escape.properties", String.join("\n",
        "# a \\u in a comment means nothing: \\uXYZ",
        "vitals.probes.db.type = jdbc",
        "vitals.probes.db.password = se\\u00zzcret",
        ""));
    String err = failsWithOneMessage(DemoJar.launch(dir, "--config", config.toString(), "--port", "0"));
    assertThat(err.trim()).isEqualTo("vitals-demo: --config " + config + ", line 3, column 31: a malformed \\u escape:"
        + " expected \\u followed by four hexadecimal digits (such as \\u00e9), or \\\\u for a backslash followed by u");
    assertThat(err).doesNotContain("se\\u00zz", "cret");
  }

  @Test
  void aPortInUseIsOneClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Path config = file("port.properties", "vitals.probes.self.type = tcp\nvitals.probes.self.url = tcp://127.0.0.1:"
          + port + "\n");
      String err = failsWithOneMessage(DemoJar.launch(dir, "--config", config.toString(), "--port", Integer.toString(port)));
      assertThat(err.trim()).isEqualTo("vitals-demo: vitals.http.port = '" + port + "' is not allowed: expected a free port:"
          + " 127.0.0.1:" + port + " is already in use by another process (set --port N or vitals.http.port; 0 takes any"
          + " free port)");
    }
  }

  @Test
  void aFileInUtf8OrLatin1IsReadAsWritten() throws Exception {
    HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    target.createContext("/menu", exchange -> {
      byte[] body = "plat du jour: caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    target.start();
    try {
      String text = "# caf\u00e9: the probe finds it only if the file is decoded as written\n"
          + "vitals.probes.menu.type = http\n"
          + "vitals.probes.menu.url = http://127.0.0.1:" + target.getAddress().getPort() + "/menu\n"
          + "vitals.probes.menu.body-contains = caf\u00e9 cr\u00e8me\n"
          + "vitals.probes.menu.interval = 300ms\nvitals.probes.menu.timeout = 250ms\n";
      for (var charset : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
        Path config = Files.write(dir.resolve(charset.name() + ".properties"), text.getBytes(charset));
        try (DemoJar demo = DemoJar.launch(dir, "--config", config.toString(), "--port", "0")) {
          URI base = demo.awaitUp();
          Awaitility.await(charset + ": the probe finds the text").atMost(Duration.ofSeconds(30))
              .untilAsserted(() -> assertThat(get(base.resolve("health/menu")).body()).contains("\"status\":\"UP\""));
        }
      }
    } finally {
      target.stop(0);
    }
  }

  @Test
  void everyEndpointKeyReachesTheEndpoint() throws Exception {
    int port = freePort();
    Path config = file("endpoint.properties", String.join("\n",
        "vitals.http.host = 127.0.0.2",
        "vitals.http.port = " + port,
        "vitals.http.details = authorized",
        "vitals.http.token = ${DEMO_TEST_TOKEN}",
        "vitals.http.threads = 2",
        "vitals.http.max-threads = 3",
        "vitals.http.queue = 5",
        "vitals.http.backlog = 7",
        "vitals.http.request-timeout = 300ms",
        "vitals.probes.self.type = tcp",
        "vitals.probes.self.url = tcp://127.0.0.2:" + port,
        "vitals.probes.self.interval = 300ms",
        "vitals.probes.self.timeout = 250ms",
        ""));
    String token = "tok-from-the-environment-3";
    try (DemoJar demo = DemoJar.launch(dir, List.of(), Map.of("DEMO_TEST_TOKEN", token), "--config", config.toString())) {
      URI base = demo.awaitUp();
      assertThat(base).isEqualTo(URI.create("http://127.0.0.2:" + port + "/"));
      assertThat(demo.stdout()).contains("served by     HttpEndpoint{127.0.0.2:" + port + ", details=authorized, threads=2,"
          + " max-threads=3, queue=5, request-timeout=300ms, backlog=7}");
      // host: nothing listens on 127.0.0.1
      assertThat(connects("127.0.0.1", port)).isFalse();
      // details and the token (resolved from ${DEMO_TEST_TOKEN})
      Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(get(base.resolve("health/self"), "Authorization", "Bearer " + token).body()).contains("\"status\":\"UP\"",
              "latencyMs"));
      assertThat(get(base.resolve("health/self")).body()).doesNotContain("latencyMs");
      // request-timeout: a client that never finishes its request is cut after 300 ms, not the default 10 s
      try (Socket slow = new Socket("127.0.0.2", port)) {
        slow.setSoTimeout(8_000);
        OutputStream out = slow.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long t0 = System.nanoTime();
        InputStream in = slow.getInputStream();
        int read = readUntilClosed(in);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(read).as("the server closed the connection").isEqualTo(-1);
        assertThat(ms).as("cut after the configured 300 ms, well before the default 10 s").isLessThan(5_000);
      }
      assertThat(demo.output()).doesNotContain(token);
    }
  }

  private static boolean connects(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2_000);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static int readUntilClosed(InputStream in) {
    try {
      int b;
      do {
        b = in.read();
      } while (b >= 0);
      return b;
    } catch (IOException reset) {
      return -1; // a reset is a close too
    }
  }
}
