package dev.vitals.exporter.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures the real log events of {@code dev.vitals.exporter.http} with Logback's ListAppender. */
final class CapturedLog implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.vitals.exporter.http");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent e) {
      e.getCallerData(); // taken now, on the logging thread: later it would be the test's
      super.append(e);
    }
  };

  CapturedLog() {
    appender.start();
    logger.addAppender(appender);
  }

  /** The events whose formatted message starts with a text (other tests' endpoints may log too). */
  List<ILoggingEvent> startingWith(String start) {
    List<ILoggingEvent> mine = new ArrayList<>();
    synchronized (appender.list) {
      for (ILoggingEvent e : List.copyOf(appender.list)) {
        if (e.getFormattedMessage().startsWith(start)) {
          mine.add(e);
        }
      }
    }
    return mine;
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
