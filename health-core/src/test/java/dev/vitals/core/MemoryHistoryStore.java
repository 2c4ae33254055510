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
 * A history store in memory for the engine's own tests (the real stores have their own tests against
 * real files and databases): it keeps what is appended and can be told to fail, as a full disk would.
 */
final class MemoryHistoryStore implements HistoryStore {

  final List<HistoryPeriod> minutes = new CopyOnWriteArrayList<>();
  final List<HistoryTransition> transitions = new CopyOnWriteArrayList<>();
  final Map<String, String> values = new ConcurrentHashMap<>();
  volatile String failWith;
  /** When set, reads fail with it (a disk that cannot be read). */
  volatile String failReads;
  volatile boolean closed;

  @Override
  public void append(List<HistoryPeriod> batch, List<HistoryTransition> changes) throws IOException {
    String f = failWith;
    if (f != null) {
      throw new IOException(f);
    }
    minutes.addAll(batch);
    transitions.addAll(changes);
  }

  @Override
  public void readMinutes(HistorySubject subject, Instant from, Instant to, Consumer<HistoryPeriod> sink) throws IOException {
    if (failReads != null) {
      throw new IOException(failReads);
    }
    for (HistoryPeriod p : minutes) {
      if ((subject == null || p.subject().equals(subject)) && !p.start().isBefore(from) && p.start().isBefore(to)) {
        sink.accept(p);
      }
    }
  }

  @Override
  public List<HistoryTransition> transitions(HistorySubject subject, Instant from, Instant to) {
    List<HistoryTransition> out = new ArrayList<>();
    for (HistoryTransition t : transitions) {
      Instant at = t.change().at();
      if ((subject == null || t.subject().equals(subject)) && !at.isBefore(from) && at.isBefore(to)) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public Optional<String> value(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public void value(String key, String value) throws IOException {
    String f = failWith;
    if (f != null) {
      throw new IOException(f);
    }
    values.put(key, value);
  }

  @Override
  public void prune(Instant before) {
    minutes.removeIf(p -> p.start().isBefore(before));
    transitions.removeIf(t -> t.change().at().isBefore(before));
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {
    closed = true;
  }

  List<HistoryPeriod> of(HistorySubject subject) {
    List<HistoryPeriod> out = new ArrayList<>();
    for (HistoryPeriod p : minutes) {
      if (p.subject().equals(subject)) {
        out.add(p);
      }
    }
    out.sort(java.util.Comparator.comparing(HistoryPeriod::start));
    return out;
  }
}
