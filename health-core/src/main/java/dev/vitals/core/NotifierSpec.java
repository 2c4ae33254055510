package dev.vitals.core;

import dev.vitals.api.spi.Notifier;
import java.time.Duration;
import java.util.Set;

/** A configured notifier, its routing and its delivery settings. */
final class NotifierSpec {

  /** Keys every notifier accepts, whatever its type: these, and {@link Routing#KEYS}. */
  static final Set<String> COMMON_KEYS = KnownKeys.NOTIFIER_COMMON_KEYS;

  final Notifier notifier;
  final Routing routing;
  final int queue;
  final int retries;
  final Duration backoff;

  NotifierSpec(Notifier notifier, Routing routing, int queue, int retries, Duration backoff) {
    this.notifier = notifier;
    this.routing = routing;
    this.queue = queue;
    this.retries = retries;
    this.backoff = backoff;
  }
}
