package dev.vitals.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load test's parts, for real but briefly: the three servers on loopback, the Java client, wrk's
 * summary, the table and the budget verdicts, and the start-up race with one run per side.
 */
class LoadSmokeTest {

  @TempDir
  Path dir;

  @Test
  void vitalsAnswers200WhileAProbeHangsAndEveryServerTakesLoadWithoutSocketErrors() throws Exception {
    Servers.noDelay();
    List<Servers.Running> servers = List.of(Servers.vitals(), Servers.dropwizard(), Servers.fixedBytes());
    try {
      for (Servers.Running s : servers) {
        LoadTest.awaitOk(s.port(), 10_000);
      }
      List<LoadResult> results = new ArrayList<>();
      for (Servers.Running s : servers) {
        LoadResult r = JavaClient.run(s.name(), "smoke", s.port(), 4, 700);
        results.add(r);
        assertThat(r.requests()).as(r.toString()).isGreaterThan(100);
        assertThat(r.socketErrors()).as(r.toString()).isZero();
        assertThat(r.p99Ms()).as(r.toString()).isPositive().isLessThanOrEqualTo(r.maxMs());
      }
      assertThat(results.get(0).statusErrors()).as("Vitals: DEGRADED answers 200").isZero();
      assertThat(results.get(2).statusErrors()).as("fixed bytes").isZero();

      List<String> broken = new ArrayList<>();
      String table = LoadTest.table(List.of(new LoadTest.Phase("smoke", 4, 1)), results, broken);
      assertThat(table).contains("smoke").contains("vitals").contains("dropwizard").contains("fixed")
          .contains("req/s vitals/dropwizard");
    } finally {
      servers.forEach(Servers.Running::close);
    }
  }

  @Test
  void theVerdictsNameEachMissedBudget() {
    List<LoadResult> results = List.of(
        new LoadResult("java", "vitals", "spike/peak", 1000, 10, 90_000, 1, 2, 30, 50, 3, 0),
        new LoadResult("java", "dropwizard", "spike/peak", 1000, 10, 100_000, 1, 2, 20, 40, 0, 100_000),
        new LoadResult("java", "fixed", "spike/peak", 1000, 10, 110_000, 1, 2, 10, 20, 0, 0));
    List<String> broken = new ArrayList<>();

    LoadTest.table(List.of(new LoadTest.Phase("spike/peak", 1000, 10)), results, broken);

    assertThat(broken).containsExactly("spike/peak: req/s below Dropwizard's (0.90x)",
        "spike/peak: req/s more than 5 % below the fixed bytes (0.82x)",
        "spike/peak: p99 worse than Dropwizard's (30.00 vs 20.00 ms)",
        "spike/peak: 3 errors at 1000 connections");
  }

  @Test
  void roundsMergeByAddingRequestsAndTime() {
    List<LoadResult> rounds = List.of(new LoadResult("wrk", "vitals", "stress", 100, 10, 1000, 1, 2, 4, 9, 0, 0),
        new LoadResult("wrk", "vitals", "stress", 100, 10, 3000, 3, 4, 6, 7, 1, 0));
    LoadResult m = LoadTest.merge(rounds, "stress", "vitals");
    assertThat(m.requestsPerSecond()).isEqualTo(200.0);
    assertThat(m.p99Ms()).isEqualTo(5.0);
    assertThat(m.maxMs()).isEqualTo(9.0);
    assertThat(m.socketErrors()).isEqualTo(1);
  }

  @Test
  void readsWrksSummaryLineAndBoundsItsCommand() {
    String output = "Running 10s test @ http://127.0.0.1:8080/health\n  2 threads and 10 connections\n"
        + "WRKJSON {\"requests\":420000,\"duration_us\":10000000,\"connect\":0,\"read\":2,\"write\":0,\"status\":5,"
        + "\"timeout\":1,\"p50_us\":180,\"p95_us\":2140,\"p99_us\":11330,\"max_us\":47700}\n";
    LoadResult r = WrkClient.parse("vitals", "baseline", 10, output);
    assertThat(r.requestsPerSecond()).isEqualTo(42_000.0);
    assertThat(r.p50Ms()).isEqualTo(0.18);
    assertThat(r.p99Ms()).isEqualTo(11.33);
    assertThat(r.socketErrors()).isEqualTo(3);
    assertThat(r.statusErrors()).isEqualTo(5);
    assertThatThrownBy(() -> WrkClient.parse("vitals", "baseline", 10, "wrk: connection refused"))
        .hasMessageContaining("no summary line");
    assertThat(WrkClient.command(8080, 1000, 10, dir.resolve("s.lua")))
        .containsSequence("-t2", "-c1000", "-d10s").endsWith("http://127.0.0.1:8080/health");
    assertThatThrownBy(() -> WrkClient.command(8080, 5000, 10, dir)).hasMessageContaining("from 1 to 2000");
    assertThatThrownBy(() -> WrkClient.command(8080, 10, 3600, dir)).hasMessageContaining("from 1 to 900");
  }

  @Test
  void readsAResponseByItsContentLength() throws Exception {
    byte[] two = ("HTTP/1.1 200 OK\r\nContent-length: 5\r\n\r\nhelloHTTP/1.1 503 Service Unavailable\r\n"
        + "Content-Length: 2\r\n\r\nno").getBytes(StandardCharsets.US_ASCII);
    ByteArrayInputStream in = new ByteArrayInputStream(two);
    assertThat(JavaClient.readResponse(in)).isEqualTo(200);
    assertThat(JavaClient.readResponse(in)).isEqualTo(503);
    assertThat(in.available()).isZero();
  }

  @Test
  void theScenariosAreShapedLikeK6sAndHaveShortVariants() {
    assertThat(LoadTest.phases("baseline", false)).containsExactly(new LoadTest.Phase("baseline", 10, 120));
    assertThat(LoadTest.phases("stress", false)).containsExactly(new LoadTest.Phase("stress", 100, 300));
    assertThat(LoadTest.phases("spike", false)).extracting(LoadTest.Phase::connections).containsExactly(10, 1000, 10);
    assertThat(LoadTest.phases("all", true)).allMatch(p -> p.seconds() <= 10).hasSize(7);
    assertThatThrownBy(() -> LoadTest.phases("soak", true)).hasMessageContaining("unknown scenario 'soak'");
  }

  @Test
  void refusesBadArgumentsBeforeStartingAnything() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    assertThat(LoadTest.run(new String[] {"--rounds", "11"}, out)).isEqualTo(2);
    assertThat(LoadTest.run(new String[] {"--client", "ab"}, out)).isEqualTo(2);
    assertThat(StartupRace.run(new String[] {"--runs", "51"}, out)).isEqualTo(2);
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("--rounds must be from 1 to 10")
        .contains("--client must be wrk or java").contains("--runs must be from 1 to 50");
  }

  @Test
  void theStartupRaceTimesAFreshJvmOfEachSideToItsFirst200() throws Exception {
    double vitals = StartupRace.timeToFirstOk(VitalsMain.class);
    double dropwizard = StartupRace.timeToFirstOk(DropwizardMain.class);
    double handwritten = StartupRace.timeToFirstOk(DropwizardMain.class, "handwritten");
    assertThat(vitals).isPositive().isLessThan(StartupRace.ANSWER_TIMEOUT_MILLIS);
    assertThat(dropwizard).isPositive().isLessThan(StartupRace.ANSWER_TIMEOUT_MILLIS);
    assertThat(handwritten).isPositive().isLessThan(StartupRace.ANSWER_TIMEOUT_MILLIS);
    assertThat(StartupRace.summary(List.of(vitals), List.of(dropwizard), List.of(handwritten)))
        .contains("vitals/dropwizard ").contains("vitals/dropwizard-handwritten");
  }

  @Test
  void aShortLoadTestRunWritesItsResults() throws Exception {
    Path out = dir.resolve("load/results.json");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    // the Java client, so the smoke run needs nothing outside Maven; 1 s per phase is the shortest run
    int code = LoadTest.run(new String[] {"--scenario", "spike", "--seconds", "1", "--client", "java", "--out",
        out.toString()}, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    assertThat(code).as(buffer.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(Files.readString(out)).contains("\"server\": \"vitals\"").contains("\"server\": \"fixed\"")
        .contains("\"phase\": \"spike/peak\"").contains("\"connections\": 1000");
  }

  @Test
  void wrkDrivesTheFixedBytesServer() throws Exception {
    if (!WrkClient.available()) {
      assertThat(System.getenv("CI")).as("wrk is missing: install the Debian package wrk").isNotEqualTo("true");
      Assumptions.abort("wrk is not installed: apt-get install wrk (Debian package wrk) to run this test");
    }
    Servers.noDelay();
    try (Servers.Running fixed = Servers.fixedBytes()) {
      LoadResult r = WrkClient.run("fixed", "smoke", fixed.port(), 4, 1, dir);
      assertThat(r.requests()).as(r.toString()).isGreaterThan(100);
      assertThat(r.errors()).as(r.toString()).isZero();
    }
  }
}
