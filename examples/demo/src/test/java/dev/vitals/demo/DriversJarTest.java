package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The stand-alone monitor's JDBC drivers, in the packaged jar run as a process: PostgreSQL against a
 * real server, MariaDB's driver for {@code jdbc:mariadb:} and {@code jdbc:mysql:} URLs, a folder of
 * extra driver jars, and a URL no driver takes refused at start-up.
 */
@EnabledIfSystemProperty(named = DemoJar.JAR_PROPERTY, matches = ".+",
    disabledReason = "runs the packaged jar: in the package phase (mvn package or verify), after the shade plugin")
class DriversJarTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  private static String body(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String probe(String name, String url, String... more) {
    StringBuilder b = new StringBuilder();
    b.append("vitals.probes.").append(name).append(".type = jdbc\n");
    b.append("vitals.probes.").append(name).append(".url = ").append(url).append('\n');
    b.append("vitals.probes.").append(name).append(".interval = 500ms\n");
    b.append("vitals.probes.").append(name).append(".timeout = 450ms\n");
    b.append("vitals.probes.").append(name).append(".failure-threshold = 1\n");
    for (String line : more) {
      b.append("vitals.probes.").append(name).append('.').append(line).append('\n');
    }
    return b.toString();
  }

  private Path config(String text) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "monitor-", ".properties"), text);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitStatus(URI base, String probe, String status) {
    Awaitility.await(probe + " " + status).atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(body(base.resolve("health/" + probe))).contains("\"status\":\"" + status + "\""));
  }

  @Test
  void aPostgresProbeIsUpWhilePostgresRunsAndDownOnceItStops() throws Exception {
    String password = "pg-pass-never-printed";
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
    boolean stopped = false;
    try {
      Path file = config(probe("pg", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres",
          "username = postgres", "password = " + password, "validation-query = SELECT 1"));
      try (DemoJar demo = DemoJar.launch(dir, "--config", file.toString(), "--port", "0")) {
        URI base = demo.awaitUp();
        awaitStatus(base, "pg", "UP");
        String up = body(base.resolve("health/pg"));
        assertThat(up).contains("\"type\":\"jdbc\"", "PostgreSQL JDBC Driver");
        pg.close();
        stopped = true;
        awaitStatus(base, "pg", "DOWN");
        assertThat(body(base.resolve("health/pg"))).contains("connection refused");
        assertThat(body(base.resolve("health"))).contains("\"status\":\"DOWN\"").doesNotContain(password);
        assertThat(demo.output()).doesNotContain(password);
      }
    } finally {
      if (!stopped) {
        pg.close();
      }
    }
  }

  @Test
  void mariadbsDriverTakesMariadbAndMysqlUrls() throws Exception {
    int port = closedPort();
    Path file = config(probe("maria", "jdbc:mariadb://127.0.0.1:" + port + "/app")
        + probe("mysql", "jdbc:mysql://127.0.0.1:" + port + "/app?permitMysqlScheme"));
    try (DemoJar demo = DemoJar.launch(dir, "--config", file.toString(), "--port", "0")) {
      URI base = demo.awaitUp();
      for (String p : List.of("maria", "mysql")) {
        // MariaDB Connector/J took the URL and tried to connect ("Socket fail to connect" is its wording):
        // nothing listens there
        awaitStatus(base, p, "DOWN");
        assertThat(body(base.resolve("health/" + p))).contains("connection refused: Socket fail to connect to 127.0.0.1:"
            + port).doesNotContain("no JDBC driver");
      }
    }
  }

  @Test
  void aUrlNoDriverTakesIsRefusedAtStartUp() throws Exception {
    Path file = config(probe("legacy", "jdbc:mysql://127.0.0.1:3306/app")
        + probe("ora", "jdbc:oracle:thin:scott/tiger-never-printed@127.0.0.1:1521/x")
        + probe("off", "jdbc:db2://127.0.0.1:50000/x", "enabled = false"));
    DemoJar demo = DemoJar.launch(dir, "--config", file.toString(), "--port", "0");
    assertThat(demo.exitStatus()).as(demo.output()).isEqualTo(2);
    assertThat(demo.stderr()).contains("vitals-demo: Invalid configuration (2 problems):",
        "vitals.probes.legacy.url: no JDBC driver in the demo accepts a 'jdbc:mysql:' URL: expected jdbc:postgresql:,"
            + " jdbc:mariadb:, jdbc:mysql: with permitMysqlScheme (jdbc:mysql://host/db?permitMysqlScheme, for MariaDB's"
            + " driver), jdbc:h2:, or the driver's jar in the folder --drivers DIR (vitals.demo.drivers)",
        "vitals.probes.ora.url: no JDBC driver in the demo accepts a 'jdbc:oracle:' URL")
        .doesNotContain("tiger-never-printed", "vitals.probes.off").doesNotContainPattern("\\n\\s+at [\\w$.]+\\(");
  }

  @Test
  void aFolderOfDriverJarsAddsItsDrivers() throws Exception {
    Path drivers = Files.createDirectory(dir.resolve("drivers"));
    Path hsqldb = Path.of(org.hsqldb.jdbc.JDBCDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.copy(hsqldb, drivers.resolve(hsqldb.getFileName()));
    Path file = config(probe("hsql", "jdbc:hsqldb:mem:demo", "username = SA",
        "validation-query = SELECT 1 FROM INFORMATION_SCHEMA.SYSTEM_USERS"));

    DemoJar without = DemoJar.launch(dir, "--config", file.toString(), "--port", "0");
    assertThat(without.exitStatus()).as(without.output()).isEqualTo(2);
    assertThat(without.stderr()).contains("vitals.probes.hsql.url: no JDBC driver in the demo accepts a 'jdbc:hsqldb:' URL");

    try (DemoJar demo = DemoJar.launch(dir, "--config", file.toString(), "--port", "0", "--drivers", drivers.toString())) {
      URI base = demo.awaitUp();
      awaitStatus(base, "hsql", "UP");
      assertThat(body(base.resolve("health/hsql"))).contains("HSQL Database Engine Driver");
    }
    // the same folder named in the file
    Path named = config(Files.readString(file) + "vitals.demo.drivers = " + drivers + "\n");
    try (DemoJar demo = DemoJar.launch(dir, "--config", named.toString(), "--port", "0")) {
      awaitStatus(demo.awaitUp(), "hsql", "UP");
    }
  }

  @Test
  void aDriversFolderThatIsMissingOrHoldsNoJarIsRefused() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path missing = dir.resolve("missing");
    Path file = config(probe("db", "jdbc:postgresql://127.0.0.1:1/x"));
    DemoJar demo = DemoJar.launch(dir, List.of("-Dvitals.demo.drivers=" + missing), Map.of(),
        "--config", file.toString(), "--port", "0");
    assertThat(demo.exitStatus()).as(demo.output()).isEqualTo(2);
    assertThat(demo.stderr().trim()).isEqualTo("vitals-demo: vitals.demo.drivers = '" + missing + "' is not allowed: expected a"
        + " readable folder of JDBC driver jars (*.jar, each declaring its driver in META-INF/services/java.sql.Driver);"
        + " this is not there");
    DemoJar none = DemoJar.launch(dir, "--config", file.toString(), "--port", "0", "--drivers", empty.toString());
    assertThat(none.exitStatus()).as(none.output()).isEqualTo(2);
    assertThat(none.stderr()).contains("vitals.demo.drivers = '" + empty + "' is not allowed", "it holds no .jar file");
  }
}
