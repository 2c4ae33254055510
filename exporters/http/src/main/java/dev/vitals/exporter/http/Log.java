package dev.vitals.exporter.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module's logger, {@code dev.vitals.exporter.http}, through the SLF4J API as in the rest of
 * Vitals. A holder class, so SLF4J is looked up on the first log line, not when the endpoint is
 * built: finding and starting the application's logging backend takes tens of milliseconds, which
 * {@code start()} need not wait for (its own line is logged by the pool's watchdog thread).
 */
final class Log {

  static final Logger LOG = LoggerFactory.getLogger("dev.vitals.exporter.http");

  private Log() {}
}
