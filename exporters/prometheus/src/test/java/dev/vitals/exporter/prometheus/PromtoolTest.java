package dev.vitals.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vitals.api.HealthReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lints our exposition with {@code promtool check metrics} (Debian package {@code prometheus}).
 *
 * <p>promtool (2.x) reads its input as the Prometheus text format 0.0.4, so on OpenMetrics input it
 * sees a counter's {@code _total} sample as a family of its own without HELP (OpenMetrics names the
 * family without the suffix). That finding, and only that one, is expected for OpenMetrics; a real
 * Prometheus server, which does read OpenMetrics, scrapes it cleanly ({@link RealPrometheusTest}).
 */
class PromtoolTest {

  @TempDir
  Path dir;

  @Test
  void textFormatPassesPromtoolCheckMetrics() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");

    Result r = check(promtool, PrometheusMetricsWriterTest.text(Fixtures.twoProbesTwoTrackers()));

    assertThat(r.exitCode).as("promtool said:\n%s", r.output).isZero();
    assertThat(r.output).isBlank();
  }

  @Test
  void textFormatWithAwkwardLabelValuesPassesPromtoolCheckMetrics() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    HealthReport report = Fixtures.awkwardNames("we\"ird", "back\\slash", "new\nline", "caf\u00e9");

    Result r = check(promtool, PrometheusMetricsWriterTest.text(report));

    assertThat(r.exitCode).as("promtool said:\n%s", r.output).isZero();
    assertThat(r.output).isBlank();
  }

  @Test
  void openMetricsPassesPromtoolCheckMetricsExceptItsTextFormatViewOfCounters() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");

    Result r = check(promtool, PrometheusMetricsWriterTest.openMetrics(Fixtures.twoProbesTwoTrackers()));

    assertThat(r.output.lines().filter(l -> !l.isBlank()))
        .as("promtool said:\n%s", r.output)
        .containsExactlyInAnyOrder("vitals_tracker_errors_total no help text",
            "vitals_tracker_operations_total no help text");
    assertThat(r.exitCode).as("promtool exit code (3: lint findings only, 1: parse error)").isIn(0, 3);
  }

  @Test
  void objectivesAndNotifiersPassPromtoolCheckMetrics() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");

    Result text = check(promtool, PrometheusMetricsWriterTest.text(Fixtures.withSlosAndNotifiers()));
    Result om = check(promtool, PrometheusMetricsWriterTest.openMetrics(Fixtures.withSlosAndNotifiers()));

    assertThat(text.exitCode).as("promtool said:\n%s", text.output).isZero();
    assertThat(text.output).isBlank();
    assertThat(om.output.lines().filter(l -> !l.isBlank()))
        .as("promtool said:\n%s", om.output)
        .containsExactlyInAnyOrder("vitals_tracker_errors_total no help text",
            "vitals_tracker_operations_total no help text", "vitals_notifier_sent_total no help text",
            "vitals_notifier_dropped_total no help text");
  }

  @Test
  void historyStoreFiguresPassPromtoolCheckMetrics() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");

    for (HealthReport report : new HealthReport[] {Fixtures.withHistory(), Fixtures.withFailingHistory()}) {
      Result text = check(promtool, PrometheusMetricsWriterTest.text(report));
      Result om = check(promtool, PrometheusMetricsWriterTest.openMetrics(report));

      assertThat(text.output).as("promtool said:\n%s", text.output).isBlank();
      assertThat(text.exitCode).as("promtool said:\n%s", text.output).isZero();
      assertThat(om.output.lines().filter(l -> !l.isBlank()))
          .as("promtool said:\n%s", om.output)
          .filteredOn(l -> l.startsWith("vitals_history"))
          .containsExactlyInAnyOrder("vitals_history_records_written_total no help text",
              "vitals_history_write_failures_total no help text", "vitals_history_dropped_records_total no help text");
      assertThat(om.output.lines().filter(l -> !l.isBlank()))
          .as("promtool said:\n%s", om.output)
          .allMatch(l -> l.endsWith("_total no help text"));
      assertThat(om.exitCode).as("promtool exit code (3: lint findings only, 1: parse error)").isIn(0, 3);
    }
  }

  private record Result(int exitCode, String output) {}

  private Result check(String promtool, String exposition) throws Exception {
    Path in = Files.writeString(dir.resolve("metrics.txt"), exposition, StandardCharsets.UTF_8);
    Path out = dir.resolve("promtool.txt");
    Process p = new ProcessBuilder(promtool, "check", "metrics")
        .redirectInput(in.toFile())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("promtool did not finish within 60 s");
    }
    return new Result(p.exitValue(), Files.readString(out));
  }
}
