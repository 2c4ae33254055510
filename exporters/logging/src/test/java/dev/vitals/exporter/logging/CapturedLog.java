package dev.vitals.exporter.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Captures the real log events of {@code dev.vitals.health} with Logback's ListAppender. */
final class CapturedLog implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger(LoggingExporterFactory.LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  CapturedLog() {
    appender.start();
    logger.addAppender(appender);
  }

  List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  ILoggingEvent only() {
    List<ILoggingEvent> events = events();
    if (events.size() != 1) {
      throw new AssertionError("expected one event, got " + events.size() + ": " + events);
    }
    return events.get(0);
  }

  /** Every text an event carries: message, key-values, throwable. */
  static String everything(ILoggingEvent e) {
    return e.getFormattedMessage() + " " + keyValues(e)
        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage());
  }

  static Map<String, Object> keyValues(ILoggingEvent e) {
    Map<String, Object> kv = new LinkedHashMap<>();
    List<KeyValuePair> pairs = e.getKeyValuePairs();
    if (pairs != null) {
      pairs.forEach(p -> kv.put(p.key, p.value));
    }
    return kv;
  }

  Logger logger() {
    return logger;
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
