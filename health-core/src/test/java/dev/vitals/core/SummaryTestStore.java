package dev.vitals.core;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryTransition;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory {@link HistoryStore} for the summaries' tests (the real stores are tested on their own):
 * keeps what it is given, and fails reads or writes of named values on demand.
 */
final class SummaryTestStore implements HistoryStore {

  final List<HistoryPeriod> minutes = new CopyOnWriteArrayList<>();
  final List<HistoryTransition> transitions = new CopyOnWriteArrayList<>();
  final Map<String, String> values = new ConcurrentHashMap<>();
  volatile boolean failValueReads;
  volatile boolean failValueWrites;
  volatile boolean failMinuteReads;

  @Override
  public void append(List<HistoryPeriod> minutes, List<HistoryTransition> transitions) {
    this.minutes.addAll(minutes);
    this.transitions.addAll(transitions);
  }

  @Override
  public void readMinutes(HistorySubject subject, Instant from, Instant to, Consumer<HistoryPeriod> sink)
      throws IOException {
    if (failMinuteReads) {
      throw new IOException("disk read error");
    }
    for (HistoryPeriod m : minutes) {
      if ((subject == null || m.subject().equals(subject)) && !m.start().isBefore(from) && m.start().isBefore(to)) {
        sink.accept(m);
      }
    }
  }

  @Override
  public List<HistoryTransition> transitions(HistorySubject subject, Instant from, Instant to) {
    List<HistoryTransition> out = new ArrayList<>();
    for (HistoryTransition t : transitions) {
      if ((subject == null || t.subject().equals(subject)) && !t.change().at().isBefore(from)
          && t.change().at().isBefore(to)) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public Optional<String> value(String key) throws IOException {
    if (failValueReads) {
      throw new IOException("database is down");
    }
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public void value(String key, String value) throws IOException {
    if (failValueWrites) {
      throw new IOException("disk full");
    }
    values.put(key, value);
  }

  @Override
  public void prune(Instant before) {
    minutes.removeIf(m -> m.start().isBefore(before));
    transitions.removeIf(t -> t.change().at().isBefore(before));
  }

  @Override
  public String describe() {
    return "memory:test";
  }
}
