package dev.vitals.core;

import dev.vitals.api.History;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.spi.HistoryTransition;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link History} over a {@link SummaryTestStore}, for the summaries' tests: the subjects are given. */
final class SummaryTestHistory implements History {

  private final SummaryTestStore store;
  private final List<HistorySubject> subjects;

  SummaryTestHistory(SummaryTestStore store, HistorySubject... subjects) {
    this.store = store;
    this.subjects = List.of(subjects);
  }

  @Override
  public List<HistorySubject> subjects() {
    return subjects;
  }

  @Override
  public Optional<HistorySubject> find(String name) {
    return subjects.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  @Override
  public List<HistoryPeriod> periods(HistorySubject subject, Instant from, Instant to, Duration step) {
    if (!to.isAfter(from) || step.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("bad range " + from + " .. " + to + " step " + step);
    }
    List<HistoryPeriod> out = new ArrayList<>();
    for (Instant start = from; start.isBefore(to); start = start.plus(step)) {
      Instant end = start.plus(step).isAfter(to) ? to : start.plus(step);
      HistoryPeriod[] acc = {new HistoryPeriod(subject, start, end, 0, 0, 0, 0, LatencyHistogram.EMPTY)};
      try {
        store.readMinutes(subject, start, end, m -> acc[0] = new HistoryPeriod(subject, acc[0].start(),
            acc[0].end(), acc[0].count() + m.count(), acc[0].errors() + m.errors(), acc[0].upMillis() + m.upMillis(),
            acc[0].downMillis() + m.downMillis(), acc[0].latency().merge(m.latency())));
      } catch (Exception e) {
        throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
      }
      out.add(acc[0]);
    }
    return out;
  }

  @Override
  public List<HistoryEntry> transitions(HistorySubject subject, Instant from, Instant to) {
    List<HistoryEntry> out = new ArrayList<>();
    for (HistoryTransition t : store.transitions(subject, from, to)) {
      out.add(t.change());
    }
    return out;
  }

  @Override
  public List<Incident> incidents(HistorySubject subject, Instant from, Instant to) {
    List<Incident> out = new ArrayList<>();
    for (Incident i : Incident.of(transitions(subject, Instant.EPOCH, to))) {
      if (i.end().isEmpty() || i.end().get().isAfter(from)) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public Optional<Instant> since() {
    return store.minutes.stream().map(HistoryPeriod::start).min(Instant::compareTo);
  }
}
