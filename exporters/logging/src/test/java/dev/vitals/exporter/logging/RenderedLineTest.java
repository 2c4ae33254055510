package dev.vitals.exporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The line a Logback pattern with {@code %kvp} (as the README suggests) writes. */
class RenderedLineTest {

  @Test
  void patternWithKvpShowsTheKeyValues() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger - %msg %kvp%n");
    encoder.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(LoggingExporterFactory.LOGGER_NAME);
    logger.addAppender(appender);
    try {
      new HealthLog(logger, () -> Reports.standard(List.of()))
          .onStatusChange(Reports.change("cache", Status.UP, Status.DOWN, ProbeResult.down("READONLY")));
    } finally {
      logger.detachAppender(appender);
      appender.stop();
    }

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("WARN dev.vitals.health - probe cache is DOWN (was UP): "
        + "READONLY event=\"status-change\" probe=\"cache\" type=\"redis\" from=\"up\" to=\"down\" critical=\"false\" "
        + "score=\"99.0\" latencyMs=\"2.346\" message=\"READONLY\"" + System.lineSeparator());
  }
}
