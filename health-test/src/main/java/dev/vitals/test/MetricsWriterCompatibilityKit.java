package dev.vitals.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.spi.MetricsWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MetricsWriter} (what the HTTP endpoint serves {@code /metrics} with) must
 * have. A module that provides one extends this class in its tests. A subclass names its writer
 * class; the kit checks that:
 * <ul>
 *   <li>the writer is registered for {@link ServiceLoader};</li>
 *   <li>it chooses a content type for any {@code Accept} header, a missing or malformed one
 *       included, and writes the kit's report in each without closing the stream;</li>
 *   <li>what it writes names every probe and tracker of the report;</li>
 *   <li>it is stateless: the same report and time give the same bytes, from two threads at
 *       once as well.</li>
 * </ul>
 */
public abstract class MetricsWriterCompatibilityKit {

  private final HealthReport report = KitReport.of(Instant.parse("2026-11-27T10:41:07Z"));

  /** For subclasses. */
  protected MetricsWriterCompatibilityKit() {
  }

  /**
   * The module's writer class.
   *
   * @return the class named in {@code META-INF/services/dev.vitals.api.spi.MetricsWriter}
   */
  protected abstract Class<? extends MetricsWriter> writerType();

  /**
   * {@code Accept} headers the kit tries, besides a missing one.
   *
   * @return by default {@code *}{@code /*}, {@code text/plain}, an OpenMetrics request as
   *     Prometheus sends it, {@code application/json} and a malformed header
   */
  protected List<String> acceptHeaders() {
    return List.of("*/*", "text/plain", "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;q=0.5",
        "application/json", ";;q=abc,");
  }

  /**
   * The report the kit writes, the same as {@link ExporterCompatibilityKit#report()}: probes {@code kit-up},
   * {@code kit-degraded}, {@code kit-down} and {@code kit-unknown}, tracker {@code kit-api}.
   *
   * @return the report
   */
  protected final HealthReport report() {
    return report;
  }

  /**
   * The module's writer, found with {@link ServiceLoader} as the HTTP endpoint finds it.
   *
   * @return a new instance
   */
  protected final MetricsWriter writer() {
    List<String> seen = new ArrayList<>();
    try {
      for (ServiceLoader.Provider<MetricsWriter> p : ServiceLoader.load(MetricsWriter.class).stream().toList()) {
        if (p.type() == writerType()) {
          return p.get();
        }
        seen.add(p.type().getName());
      }
    } catch (ServiceConfigurationError e) {
      return fail("a MetricsWriter provider failed to load: " + e, e);
    }
    return fail(writerType().getName() + " is not registered in META-INF/services/dev.vitals.api.spi.MetricsWriter;"
        + " found " + seen);
  }

  /**
   * Writes the kit's report as a string.
   *
   * @param writer the writer
   * @param contentType a content type it chose
   * @return the text written
   * @throws java.io.IOException when writing fails
   */
  protected final String write(MetricsWriter writer, String contentType) throws java.io.IOException {
    CloseRecordingStream out = new CloseRecordingStream();
    writer.write(report, report.time(), contentType, out);
    assertFalse(out.closed, "MetricsWriter.write closed the stream it was given");
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writerIsRegisteredForServiceLoader() {
    assertEquals(writerType(), writer().getClass());
  }

  @Test
  void everyAcceptHeaderGetsAContentTypeAndTheReportWithEveryProbeAndTracker() throws Exception {
    MetricsWriter writer = writer();
    List<String> accepts = new ArrayList<>();
    accepts.add(null);
    accepts.addAll(acceptHeaders());
    for (String accept : accepts) {
      String type = writer.contentType(accept);
      assertNotNull(type, "contentType(" + accept + ")");
      assertFalse(type.isBlank(), "contentType(" + accept + ") is blank");
      String text = write(writer, type);
      for (ProbeReport p : report.probes()) {
        assertTrue(text.contains(p.name()), "the " + type + " output names probe " + p.name() + ":\n" + text);
      }
      for (TrackerReport t : report.trackers()) {
        assertTrue(text.contains(t.name()), "the " + type + " output names tracker " + t.name() + ":\n" + text);
      }
    }
  }

  @Test
  void theSameReportGivesTheSameBytesFromTwoThreadsAtOnce() throws Exception {
    MetricsWriter writer = writer();
    String type = writer.contentType(null);
    String expected = write(writer, type);
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(two.submit(() -> write(writer, type)));
      }
      for (java.util.concurrent.Future<String> f : results) {
        assertEquals(expected, f.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      two.shutdownNow();
    }
  }

  /** A byte sink that remembers whether it was closed. */
  private static final class CloseRecordingStream extends ByteArrayOutputStream {
    volatile boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
