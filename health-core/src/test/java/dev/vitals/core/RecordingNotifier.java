package dev.vitals.core;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.NotifierRouting;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A notifier type ({@code recording}) that keeps what it is sent; it can fail or hang on demand. */
final class RecordingNotifier implements Notifier {

  static final List<RecordingNotifier> CREATED = new CopyOnWriteArrayList<>();

  final String name;
  final List<Alert> received = new CopyOnWriteArrayList<>();
  final AtomicInteger attempts = new AtomicInteger();
  volatile int failuresLeft;
  volatile CountDownLatch hang;

  RecordingNotifier(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws Exception {
    attempts.incrementAndGet();
    CountDownLatch h = hang;
    if (h != null) {
      h.await();
    }
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new java.io.IOException("receiver answered 503");
    }
    received.add(alert);
  }

  /** Type {@code recording}, every alert by default; or another type with another default routing. */
  static final class Factory implements NotifierFactory {
    private final String type;
    private final NotifierRouting routing;

    Factory() {
      this("recording", NotifierRouting.all());
    }

    Factory(String type, NotifierRouting routing) {
      this.type = type;
      this.routing = routing;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public NotifierRouting defaultRouting() {
      return routing;
    }

    @Override
    public Set<String> keys() {
      return Set.of();
    }

    @Override
    public Notifier create(NotifierConfig config) {
      RecordingNotifier n = new RecordingNotifier(config.name());
      CREATED.add(n);
      return n;
    }
  }
}
