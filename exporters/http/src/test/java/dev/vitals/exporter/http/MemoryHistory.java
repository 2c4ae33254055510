package dev.vitals.exporter.http;

import dev.vitals.api.History;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link History} in memory for the endpoint's tests: records of any length (a minute, an hour, a day)
 * per subject, each counted in the period its start falls in, as a store counts its minutes; time no
 * record covers is not observed. Counts its reads, and can fail or block them on demand.
 */
final class MemoryHistory implements History {

  private final Map<HistorySubject, List<HistoryPeriod>> records = new LinkedHashMap<>();
  private final Map<HistorySubject, List<HistoryEntry>> transitions = new LinkedHashMap<>();
  final AtomicInteger periodReads = new AtomicInteger();
  private volatile RuntimeException failure;
  private volatile CountDownLatch gate;
  /** Counted down each time a read reaches the gate. */
  final CountDownLatch entered = new CountDownLatch(2);

  MemoryHistory subject(HistorySubject s) {
    records.computeIfAbsent(s, k -> new ArrayList<>());
    transitions.computeIfAbsent(s, k -> new ArrayList<>());
    return this;
  }

  /** A probe's record: {@code [start, start + length)} with the given up and down time and runs. */
  MemoryHistory probe(String name, Instant start, Duration length, long count, long errors, Duration up,
      Duration down, long... latenciesMicros) {
    return add(new HistoryPeriod(HistorySubject.probe(name), start, start.plus(length), count, errors, up.toMillis(),
        down.toMillis(), histogram(latenciesMicros)));
  }

  /** A tracker's record. */
  MemoryHistory tracker(String name, Instant start, Duration length, long count, long errors,
      long... latenciesMicros) {
    return add(new HistoryPeriod(HistorySubject.tracker(name), start, start.plus(length), count, errors, 0, 0,
        histogram(latenciesMicros)));
  }

  /** A probe observed UP for all of each day from {@code firstDay} for {@code days} days. */
  MemoryHistory upDays(String name, Instant firstDay, int days) {
    for (int i = 0; i < days; i++) {
      probe(name, firstDay.plus(Duration.ofDays(i)), Duration.ofDays(1), 8640, 0, Duration.ofDays(1), Duration.ZERO,
          1200);
    }
    return this;
  }

  MemoryHistory add(HistoryPeriod record) {
    subject(record.subject());
    records.get(record.subject()).add(record);
    return this;
  }

  MemoryHistory transition(String probe, Status from, Status to, Instant at, String message) {
    HistorySubject s = HistorySubject.probe(probe);
    subject(s);
    transitions.get(s).add(new HistoryEntry(from, to, at, message));
    transitions.get(s).sort(Comparator.comparing(HistoryEntry::at));
    return this;
  }

  /** Makes every read throw this. */
  void failWith(RuntimeException e) {
    failure = e;
  }

  /** Makes every read wait (counting down {@link #entered}) until the returned latch is counted down. */
  CountDownLatch block() {
    gate = new CountDownLatch(1);
    return gate;
  }

  private void read() {
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
    CountDownLatch g = gate;
    if (g != null) {
      entered.countDown();
      try {
        if (!g.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  static LatencyHistogram histogram(long... micros) {
    long[] dense = new long[LatencyHistogram.BUCKETS];
    for (long m : micros) {
      dense[LatencyHistogram.bucketOf(m * 1000)]++;
    }
    return LatencyHistogram.ofDense(dense);
  }

  @Override
  public List<HistorySubject> subjects() {
    read();
    List<HistorySubject> out = new ArrayList<>(records.keySet());
    out.sort(Comparator.comparing((HistorySubject s) -> s.kind()).thenComparing(HistorySubject::name));
    return out;
  }

  @Override
  public Optional<HistorySubject> find(String name) {
    read();
    HistorySubject p = HistorySubject.probe(name);
    if (records.containsKey(p)) {
      return Optional.of(p);
    }
    HistorySubject t = HistorySubject.tracker(name);
    return records.containsKey(t) ? Optional.of(t) : Optional.empty();
  }

  @Override
  public List<HistoryPeriod> periods(HistorySubject subject, Instant from, Instant to, Duration step) {
    periodReads.incrementAndGet();
    read();
    if (!to.isAfter(from) || step.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("bad range or step: " + from + " .. " + to + " by " + step);
    }
    List<HistoryPeriod> out = new ArrayList<>();
    for (Instant s = from; s.isBefore(to); s = s.plus(step)) {
      Instant e = s.plus(step).isAfter(to) ? to : s.plus(step);
      HistoryPeriod sum = new HistoryPeriod(subject, s, e, 0, 0, 0, 0, LatencyHistogram.EMPTY);
      for (HistoryPeriod r : records.getOrDefault(subject, List.of())) {
        if (!r.start().isBefore(s) && r.start().isBefore(e)) {
          sum = new HistoryPeriod(subject, s, e, sum.count() + r.count(), sum.errors() + r.errors(),
              sum.upMillis() + r.upMillis(), sum.downMillis() + r.downMillis(), sum.latency().merge(r.latency()));
        }
      }
      out.add(sum);
    }
    return out;
  }

  @Override
  public List<HistoryEntry> transitions(HistorySubject subject, Instant from, Instant to) {
    read();
    List<HistoryEntry> out = new ArrayList<>();
    for (HistoryEntry t : transitions.getOrDefault(subject, List.of())) {
      if (!t.at().isBefore(from) && t.at().isBefore(to)) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public List<Incident> incidents(HistorySubject subject, Instant from, Instant to) {
    read();
    List<Incident> out = new ArrayList<>();
    for (Incident i : Incident.of(transitions.getOrDefault(subject, List.of()))) {
      if (i.start().isBefore(to) && i.end().map(e -> e.isAfter(from)).orElse(true)) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public Optional<Instant> since() {
    read();
    return records.values().stream().flatMap(List::stream).map(HistoryPeriod::start).min(Comparator.naturalOrder());
  }
}
