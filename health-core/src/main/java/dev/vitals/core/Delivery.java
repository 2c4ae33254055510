package dev.vitals.core;

import dev.vitals.api.Alert;
import dev.vitals.api.Redaction;
import dev.vitals.api.spi.Notifier;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one notifier's alerts on a thread of its own, from a bounded queue, with retries
 * (Resilience4j Retry, exponential backoff with jitter). A notifier that is down or slow holds only
 * its own thread: probes and other notifiers never wait for it. An alert that finds the queue full,
 * or fails every attempt, is dropped, logged and counted.
 *
 * <p>Every alert is offered to every delivery; its {@link Routing} decides which ones the notifier
 * receives (an alert it does not receive is neither queued nor counted). A notifier that receives no
 * alert at all gets no thread, and one INFO line at start says so and which key changes it.
 */
final class Delivery implements AutoCloseable {

  /** The logger, created on first use so that SLF4J initialises only when something is logged. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private Log() {}
  }

  private final Notifier notifier;
  private final Routing routing;
  private final BlockingQueue<Alert> queue;
  private final Retry retry;
  private final Thread thread;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private volatile boolean closed;

  Delivery(Notifier notifier, Routing routing, int queueCapacity, int retries, Duration backoff) {
    this.notifier = notifier;
    this.routing = routing;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.retry = Retry.of("vitals-notifier-" + notifier.name(), RetryConfig.custom()
        .maxAttempts(retries + 1)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(backoff, 2.0, 0.5))
        .retryExceptions(Exception.class)
        .build());
    retry.getEventPublisher().onRetry(e -> failedAttempts.incrementAndGet());
    this.thread = new Thread(this::run, "vitals-notify-" + notifier.name());
    thread.setDaemon(true);
    if (routing.silence().isPresent()) {
      Log.LOG.atInfo().addKeyValue("notifier", notifier.name())
          .log("Vitals notifier {} receives no alerts: {}", notifier.name(), routing.silence().get());
    } else {
      thread.start();
    }
  }

  String name() {
    return notifier.name();
  }

  long sent() {
    return sent.get();
  }

  long dropped() {
    return dropped.get();
  }

  /**
   * Queues an alert for the notifier, if its routing takes it. Called under the engine's lock.
   *
   * @param alert the alert
   */
  void offer(Alert alert) {
    if (!routing.route(alert)) {
      return;
    }
    if (closed || !queue.offer(alert)) {
      dropped.incrementAndGet();
      Log.LOG.atWarn().addKeyValue("notifier", notifier.name()).addKeyValue("alert", alert.dedupKey())
          .log("Vitals dropped an alert for notifier {}: its queue is full", notifier.name());
    }
  }

  private void run() {
    while (!closed) {
      Alert alert;
      try {
        alert = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (alert == null) {
        continue;
      }
      try {
        Retry.decorateCheckedRunnable(retry, () -> notifier.send(alert)).run();
        sent.incrementAndGet();
      } catch (Throwable e) {
        if (closed && Thread.currentThread().isInterrupted()) {
          return;
        }
        dropped.incrementAndGet();
        Log.LOG.atWarn().addKeyValue("notifier", notifier.name()).addKeyValue("alert", alert.dedupKey())
            .log("Vitals dropped an alert for notifier {} after {} attempts: {}", notifier.name(),
                retry.getRetryConfig().getMaxAttempts(), Redaction.redact(String.valueOf(e.getMessage())));
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      notifier.close();
    } catch (RuntimeException e) {
      Log.LOG.warn("Vitals notifier {} failed to close", notifier.name(), e);
    }
  }
}
