package dev.vitals.core;

import dev.vitals.api.spi.Notifier;
import java.time.Duration;
import java.util.Set;

/** A configured notifier and its delivery settings. */
final class NotifierSpec {

  /** Keys every notifier accepts, whatever its type. */
  static final Set<String> COMMON_KEYS = Set.of("type", "enabled", "queue", "retries", "backoff");

  final Notifier notifier;
  final int queue;
  final int retries;
  final Duration backoff;

  NotifierSpec(Notifier notifier, int queue, int retries, Duration backoff) {
    this.notifier = notifier;
    this.queue = queue;
    this.retries = retries;
    this.backoff = backoff;
  }
}
