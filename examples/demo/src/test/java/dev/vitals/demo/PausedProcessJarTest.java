package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.test.RecordingHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor whose process is paused (SIGSTOP, as a debugger, a long GC or an overloaded host does)
 * while a probe is DOWN: its results go stale, but staleness says nothing about the dependency, so no
 * RESOLVED reaches the on-call channel, and no second FIRING either. The real demo jar, its real
 * Redis stopped through its chaos API, a real webhook receiver.
 */
class PausedProcessJarTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern TIME = Pattern.compile("\\\"time\\\":\\\"([^\\\"]+)\\\"");

  @TempDir
  Path dir;

  private static String get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void signal(long pid, String sig) throws IOException, InterruptedException {
    assertThat(new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
  }

  /** The time of the cache probe's last result, from /health/cache. */
  private static Instant lastResult(URI base) throws IOException, InterruptedException {
    Matcher m = TIME.matcher(get(base.resolve("health/cache")));
    return m.find() ? Instant.parse(m.group(1)) : Instant.EPOCH;
  }

  @Test
  void aPauseLongerThanTheStaleLimitWhileAProbeIsDownSendsNoResolvedAndNoSecondFiring() throws Exception {
    try (RecordingHttpServer hook = new RecordingHttpServer().answer(204, "")) {
      List<String> o = new ArrayList<>();
      o.add("-Dvitals.probes.cache.interval=500ms");
      o.add("-Dvitals.probes.cache.timeout=300ms");
      o.add("-Dvitals.probes.cache.failure-threshold=1");
      o.add("-Dvitals.notifiers.hook.type=webhook");
      o.add("-Dvitals.notifiers.hook.url=" + hook.url("/hook"));
      o.add("-Dvitals.notifiers.hook.rules=probe-down");
      o.add("-Dvitals.notifiers.hook.subjects=cache");
      try (DemoJar demo = DemoJar.launch(dir, o, Map.of(), "--port", "0")) {
        URI base = demo.awaitUp();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(base.resolve("health/cache")).contains("\"UP\""));
        get(base.resolve("api/chaos?redis=stop"));
        RecordingHttpServer.Request firing = hook.take();
        assertThat(firing.text()).contains("\"state\":\"FIRING\"").contains("\"subject\":\"cache\"");

        Instant before = lastResult(base);
        signal(demo.pid(), "STOP");
        try {
          // frozen for more than twice the interval: every result the process holds is stale when it wakes
          Thread.sleep(3_000); // the fault itself (the process stays stopped this long), not a wait for a result
        } finally {
          signal(demo.pid(), "CONT");
        }
        // after the thaw the stale check and the next real result both come; wait until a result newer
        // than the pause is published, and one more interval for any notification it would cause
        await().atMost(Duration.ofSeconds(30)).until(() -> lastResult(base).isAfter(before.plusSeconds(3)));
        Instant after = lastResult(base);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastResult(base).isAfter(after));
        assertThat(get(base.resolve("health/cache"))).contains("\"DOWN\"");
        assertThat(hook.pending()).as("no RESOLVED, no second FIRING after the pause").isZero();
      }
    }
  }
}
