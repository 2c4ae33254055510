package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo jar with a history directory, killed with {@code kill -9} and started again: what it had
 * written (a minute of figures, the cache's outage) is there after the restart, in {@code /history},
 * {@code /health}'s availability, the status page and the badge. Real process, real redis-server
 * stopped through the demo's chaos API, real files.
 */
class HistoryRestartJarTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern WRITTEN = Pattern.compile("(?m)^vitals_history_records_written_total (\\S+)$");
  private static final Pattern AVAILABILITY_24H = Pattern.compile("\"24h\":([0-9.]+)");

  @TempDir
  Path dir;

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double written(URI base) throws IOException, InterruptedException {
    Matcher m = WRITTEN.matcher(get(base.resolve("metrics")).body());
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  @Test
  void aKilledDemoKeepsItsOutageFiguresAndBarsAfterARestart() throws Exception {
    Path history = Files.createDirectory(dir.resolve("history"));
    List<String> options = List.of("-Dvitals.history.dir=" + history, "-Dvitals.probes.cache.interval=1s",
        "-Dvitals.probes.cache.timeout=500ms");
    try (DemoJar first = DemoJar.launch(dir, options, Map.of(), "--port", "0")) {
      URI base = first.awaitUp();
      assertThat(first.stdout()).contains("history", "kept in file:" + history.toAbsolutePath());
      await().atMost(Duration.ofSeconds(30)).until(() -> get(base.resolve("health/cache")).body().contains("\"UP\""));
      get(base.resolve("api/chaos?redis=stop"));
      await().atMost(Duration.ofSeconds(30)).until(() -> get(base.resolve("health/cache")).body().contains("\"DOWN\""));
      double before = written(base);
      // the next write after the outage began carries its transition: wait for it (a minute closes, then it is written)
      await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> written(base) > before);
      first.kill();
      assertThat(first.stdout()).doesNotContain("Vitals demo stopped");
    }

    try (DemoJar second = DemoJar.launch(dir, options, Map.of(), "--port", "0")) {
      URI base = second.awaitUp();
      String json = get(base.resolve("history/cache?step=1h")).body();
      assertThat(json).contains("\"from\":\"UP\",\"to\":\"DOWN\"").contains("connection refused")
          .contains("\"incidents\":[{");
      // the outage the first process observed is in the new process's 24-hour availability
      Matcher a = AVAILABILITY_24H.matcher(get(base.resolve("health/cache")).body());
      assertThat(a.find()).isTrue();
      assertThat(Double.parseDouble(a.group(1))).isLessThan(100.0);
      String page = get(base.resolve("status")).body();
      assertThat(page).contains("connection refused").contains("Last 90 days");
      HttpResponse<String> badge = get(base.resolve("badge/cache"));
      assertThat(badge.statusCode()).isEqualTo(200);
      assertThat(badge.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
      assertThat(badge.body()).contains("%");
    }
  }
}
