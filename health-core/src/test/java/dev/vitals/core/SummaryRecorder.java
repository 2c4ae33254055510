package dev.vitals.core;

import dev.vitals.api.Alert;
import dev.vitals.api.Summary;
import dev.vitals.api.spi.Notifier;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A notifier that keeps the summaries it is sent and can fail on demand; or one that sends none (like Slack). */
final class SummaryRecorder implements Notifier {

  final String name;
  final boolean sendsSummaries;
  final List<Summary> summaries = new CopyOnWriteArrayList<>();
  final AtomicInteger attempts = new AtomicInteger();
  volatile int failuresLeft;

  SummaryRecorder(String name) {
    this(name, true);
  }

  SummaryRecorder(String name, boolean sendsSummaries) {
    this.name = name;
    this.sendsSummaries = sendsSummaries;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) {
    // alerts are not what these tests are about
  }

  @Override
  public boolean sendsSummaries() {
    return sendsSummaries;
  }

  @Override
  public void sendSummary(Summary summary) throws IOException {
    if (!sendsSummaries) {
      throw new UnsupportedOperationException("notifier " + name + " does not send summaries");
    }
    attempts.incrementAndGet();
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IOException("smtp.example.com answered 451 try again later");
    }
    summaries.add(summary);
  }
}
