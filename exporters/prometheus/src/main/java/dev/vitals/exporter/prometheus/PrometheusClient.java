package dev.vitals.exporter.prometheus;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus Java client found at run time, checked once, when the first writer is created.
 *
 * <p>The module is compiled against the oldest client it supports ({@link #OLDEST}) and uses only
 * what every supported version has: the two-argument {@code ExpositionFormatWriter.write}, which
 * 1.3 declares and 1.4 and later implement with their default escaping (underscores, as classic
 * Prometheus names need; Vitals' names need none). Build tools resolve whatever client a framework
 * manages (Spring Boot 3.5 manages 1.3, Boot 4.0 1.4, Boot 4.1 and Micrometer 1.17 1.7), so the
 * version is checked here rather than trusted: a version outside {@link #SUPPORTED}, or a client
 * that cannot write a sample exposition, fails with an {@link IllegalStateException} naming the
 * versions found and the supported range, instead of a {@code NoClassDefFoundError} at a scrape.
 * Thread-safe; the check runs at most once per class loader.
 */
final class PrometheusClient {

  /** The oldest supported client, the one the module is compiled against. */
  static final String OLDEST = "1.3.0";
  /** The supported range, as users read it in a message. */
  static final String SUPPORTED = "1.3.0 up to (not including) 2.0 (tested with 1.3.10, 1.4.3, 1.7.0 and 1.10.0)";

  private static final String[] ARTIFACTS = {
      "prometheus-metrics-model", "prometheus-metrics-exposition-textformats", "prometheus-metrics-config"};
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  private final ExpositionFormatWriter text;
  private final ExpositionFormatWriter openMetrics;

  private PrometheusClient(ExpositionFormatWriter text, ExpositionFormatWriter openMetrics) {
    this.text = text;
    this.openMetrics = openMetrics;
  }

  /**
   * The checked client.
   *
   * @return the client, the same instance every time
   * @throws IllegalStateException when the client on the class path is unsupported, naming the
   *     versions found and {@link #SUPPORTED}
   */
  static PrometheusClient get() {
    if (Holder.FAILURE != null) {
      throw new IllegalStateException(Holder.FAILURE.getMessage(), Holder.FAILURE.getCause());
    }
    return Holder.CLIENT;
  }

  /**
   * Writes snapshots in one of the two text formats.
   *
   * @param snapshots what to write
   * @param out where to write; not flushed or closed
   * @param openMetrics OpenMetrics 1.0.0 or the text format 0.0.4
   * @throws IOException when writing fails
   */
  void write(MetricSnapshots snapshots, OutputStream out, boolean openMetrics) throws IOException {
    (openMetrics ? this.openMetrics : text).write(out, snapshots);
  }

  /** Runs the check on first use of {@link #get()}, and keeps its failure for every later call. */
  private static final class Holder {
    static final PrometheusClient CLIENT;
    static final IllegalStateException FAILURE;

    static {
      PrometheusClient client = null;
      IllegalStateException failure = null;
      try {
        client = check();
      } catch (IllegalStateException e) {
        failure = e;
      }
      CLIENT = client;
      FAILURE = failure;
    }
  }

  /**
   * The client jars whose version could be read.
   *
   * @return "artifactId version" for each, such as {@code prometheus-metrics-model 1.3.10}
   */
  static List<String> versionsFound() {
    List<String> found = new ArrayList<>(ARTIFACTS.length);
    for (String artifact : ARTIFACTS) {
      String version = versionOf(artifact);
      if (version != null) {
        found.add(artifact + " " + version);
      }
    }
    return found;
  }

  private static PrometheusClient check() {
    List<String> found = versionsFound();
    String problem = problem(found);
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    try {
      PrometheusClient client = new PrometheusClient(
          PrometheusTextFormatWriter.create(), OpenMetricsTextFormatWriter.create());
      client.selfTest();
      return client;
    } catch (LinkageError | RuntimeException | IOException e) {
      throw new IllegalStateException(message(found.isEmpty() ? "no version information (a repackaged jar?)"
          : String.join(", ", found), "cannot write a sample exposition (" + e + ")"), e);
    }
  }

  /**
   * What is wrong with the versions found, if anything.
   *
   * @param found "artifactId version" for each client jar whose version could be read
   * @return the message naming every version found and the supported range, or null when all are
   *     supported
   */
  static String problem(List<String> found) {
    for (String f : found) {
      String version = f.substring(f.lastIndexOf(' ') + 1);
      if (!supported(version)) {
        return message(String.join(", ", found), f + " is outside that range");
      }
    }
    return null;
  }

  /**
   * Whether a client version is in the supported range.
   *
   * @param version such as {@code 1.3.10} or {@code 1.4.0-SNAPSHOT}
   * @return true for 1.3.0 and later 1.x versions; false for anything else, unparsable ones included
   */
  static boolean supported(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.matches()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major == 1 && minor >= 3;
  }

  private static String message(String found, String why) {
    return "exporter-prometheus cannot work with the Prometheus Java client on the class path: found "
        + found + "; " + why + ". Supported: io.prometheus:prometheus-metrics-* " + SUPPORTED
        + ", all of one version (import io.prometheus:prometheus-metrics-bom, or let Spring Boot's or "
        + "Micrometer's dependency management choose it)";
  }

  /** The version in a client jar's Maven metadata, or null when the jar has none (a shaded jar). */
  private static String versionOf(String artifact) {
    String path = "/META-INF/maven/io.prometheus/" + artifact + "/pom.properties";
    try (InputStream in = MetricSnapshots.class.getResourceAsStream(path)) {
      InputStream stream = in != null ? in : ExpositionFormatWriter.class.getResourceAsStream(path);
      if (stream == null) {
        return null;
      }
      try (stream) {
        Properties p = new Properties();
        p.load(stream);
        String v = p.getProperty("version");
        return v == null || v.isBlank() ? null : v.trim();
      }
    } catch (IOException | LinkageError e) {
      return null;
    }
  }

  /** Writes a gauge with a unit and a label in both formats, touching every client class the exporter uses. */
  private void selfTest() throws IOException {
    MetricSnapshots sample = new MetricSnapshots(GaugeSnapshot.builder().name("vitals_self_test_seconds")
        .help("Start-up check.").unit(Unit.SECONDS)
        .dataPoint(GaugeDataPointSnapshot.builder().value(1).labels(Labels.of("probe", "a\"b")).build())
        .build());
    OutputStream discard = OutputStream.nullOutputStream();
    write(sample, discard, false);
    write(sample, discard, true);
  }
}
