package dev.vitals.core;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A probe whose next outcome a test sets; it can take time on a manual clock. */
final class ScriptedProbe implements Probe {

  interface Outcome {
    ProbeResult run() throws Exception;
  }

  private final String name;
  private final ManualClock clock;
  private final ProbeDefaults defaults;
  final AtomicReference<Outcome> outcome = new AtomicReference<>(ProbeResult::up);
  final AtomicInteger runs = new AtomicInteger();
  volatile Duration takes = Duration.ZERO;

  ScriptedProbe(String name, ManualClock clock, ProbeDefaults defaults) {
    this.name = name;
    this.clock = clock;
    this.defaults = defaults;
  }

  ScriptedProbe(String name, ManualClock clock) {
    this(name, clock, ProbeDefaults.builder().interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(2)).build());
  }

  ScriptedProbe answer(Outcome next) {
    outcome.set(next);
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ProbeDefaults defaults() {
    return defaults;
  }

  @Override
  public ProbeResult check() throws Exception {
    runs.incrementAndGet();
    if (!takes.isZero()) {
      clock.advance(takes);
    }
    return outcome.get().run();
  }
}
