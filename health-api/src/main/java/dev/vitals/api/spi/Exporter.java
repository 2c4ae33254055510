package dev.vitals.api.spi;

/**
 * A running exporter: an HTTP endpoint, a metrics binding, a log writer. Created started by its
 * {@link ExporterFactory}; the monitor closes it when the monitor closes.
 */
public interface Exporter extends AutoCloseable {

  /**
   * The exporter's name, for logs and reports.
   *
   * @return for example {@code http}
   */
  String name();

  /**
   * Stops the exporter and releases what it holds (threads, sockets). Idempotent; never throws.
   */
  @Override
  void close();
}
