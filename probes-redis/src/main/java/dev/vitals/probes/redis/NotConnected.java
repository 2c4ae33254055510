package dev.vitals.probes.redis;

/** A client that has no connection at the moment and is rebuilding it on its own. */
final class NotConnected extends Exception {

  private static final long serialVersionUID = 1L;

  NotConnected(String message, Throwable cause) {
    super(message, cause);
  }
}
