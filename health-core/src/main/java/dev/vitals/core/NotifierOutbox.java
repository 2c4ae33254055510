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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notifier's outbox: a bounded queue and a thread of its own that sends each alert, retrying with
 * Resilience4j's {@link Retry} (an exponential backoff with jitter from {@link IntervalFunction}). The
 * retry decides whether and how long to wait ({@link Retry.AsyncContext}); the wait itself is a task on
 * the monitor's scheduler, so it follows the monitor's clock (a test's {@code ManualClock} drives it)
 * and no thread sleeps. A notifier that is down or slow holds only its own thread: probes and other
 * notifiers never wait for it. An alert that finds the queue full, or fails every attempt, is dropped,
 * logged and counted.
 *
 * <p>Every alert is offered to every outbox; its {@link Routing} decides which ones the notifier
 * receives (an alert it does not receive is neither queued nor counted). A notifier that receives no
 * alert at all gets no thread, and one INFO line at start says so and which key changes it.
 * (Not to be confused with notifier-http-support's {@code Delivery}, which posts one document.)
 */
final class NotifierOutbox implements AutoCloseable {

  /** The logger, created on first use (see the package documentation, start-up rules). */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(NotifierOutbox.class);

    private Log() {}
  }

  private final Notifier notifier;
  private final Routing routing;
  private final BlockingQueue<Alert> queue;
  private final Retry retry;
  private final ScheduledExecutorService scheduler;
  private final Thread thread;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;
  /** The pending end of a backoff, cancelled by close(). */
  private volatile ScheduledFuture<?> wake;

  /**
   * An outbox; starts its thread unless the routing takes no alert.
   *
   * @param notifier the notifier
   * @param routing which alerts it receives
   * @param queueCapacity the most alerts waiting
   * @param retries attempts after the first
   * @param backoff the first wait; each next one doubles, each with up to 50 % jitter
   * @param scheduler the monitor's scheduler, which times the waits between attempts
   */
  NotifierOutbox(Notifier notifier, Routing routing, int queueCapacity, int retries, Duration backoff,
      ScheduledExecutorService scheduler) {
    this.notifier = notifier;
    this.routing = routing;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.scheduler = scheduler;
    this.retry = Retry.of("vitals-notifier-" + notifier.name(), RetryConfig.custom()
        .maxAttempts(retries + 1)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(backoff, 2.0, 0.5))
        .retryExceptions(Exception.class)
        .build());
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
      if (alert != null && !deliver(alert)) {
        return;
      }
    }
  }

  /**
   * Sends one alert, attempt after attempt, as the retry says.
   *
   * @return false when the outbox closed meanwhile
   */
  private boolean deliver(Alert alert) {
    Retry.AsyncContext<Void> attempts = retry.asyncContext();
    while (true) {
      Throwable failure;
      try {
        notifier.send(alert);
        attempts.onComplete();
        sent.incrementAndGet();
        return true;
      } catch (Throwable e) {
        failure = e;
      }
      if (closed && Thread.currentThread().isInterrupted()) {
        return false;
      }
      long waitMillis = attempts.onError(failure);
      if (waitMillis < 0) {
        dropped.incrementAndGet();
        Log.LOG.atWarn().addKeyValue("notifier", notifier.name()).addKeyValue("alert", alert.dedupKey())
            .log("Vitals dropped an alert for notifier {} after {} attempts: {}", notifier.name(),
                retry.getRetryConfig().getMaxAttempts(), Redaction.redact(String.valueOf(failure.getMessage())));
        return true;
      }
      if (!await(waitMillis)) {
        return false;
      }
    }
  }

  /** Waits on the monitor's scheduler; false when the outbox closed (or the scheduler stopped) meanwhile. */
  private boolean await(long millis) {
    CountDownLatch due = new CountDownLatch(1);
    try {
      wake = scheduler.schedule(due::countDown, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return false;
    }
    try {
      due.await();
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> w = wake;
    if (w != null) {
      w.cancel(false);
    }
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
