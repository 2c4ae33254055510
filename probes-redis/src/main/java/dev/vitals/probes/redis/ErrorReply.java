package dev.vitals.probes.redis;

/**
 * An error reply from the server ({@code NOPERM ...}, {@code LOADING ...}): the connection works and
 * stays usable, the command was refused.
 */
final class ErrorReply extends Exception {

  private static final long serialVersionUID = 1L;

  ErrorReply(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}
