package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.ProbeObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordingContextTest {

  @Test
  void ofGivesTheSettingsTheClockAndAFreshReportOnEachCall() {
    Map<String, String> settings = new HashMap<>(Map.of("vitals.logging.enabled", "true"));
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    AtomicInteger calls = new AtomicInteger();
    List<HealthReport> reports = new ArrayList<>();
    RecordingContext context = RecordingContext.of(settings, () -> {
      calls.incrementAndGet();
      return reports.get(0);
    }, clock);
    settings.put("vitals.logging.enabled", "false");

    assertThat(context.config().get("vitals.logging.enabled")).as("the settings are copied").contains("true");
    assertThat(context.clock()).isSameAs(clock);
    assertThat(calls).hasValue(0);
    reports.add(null);
    context.report();
    context.report();
    assertThat(calls).hasValue(2);
  }

  @Test
  void ofRecordsListenersAndObserversInOrder() {
    RecordingContext context = RecordingContext.of(Map.of(), () -> null, Clock.system());
    HealthListener first = new HealthListener() {};
    HealthListener second = new HealthListener() {};
    ProbeObserver observer = (probe, type) -> result -> { };

    context.addListener(first);
    context.addListener(second);
    context.addProbeObserver(observer);

    assertThat(context.listeners()).containsExactly(first, second);
    assertThat(context.observers()).containsExactly(observer);
    assertThatThrownBy(() -> context.listeners().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void ofRefusesNull() {
    assertThatThrownBy(() -> RecordingContext.of(null, () -> null, Clock.system()))
        .isInstanceOf(NullPointerException.class).hasMessage("settings");
    assertThatThrownBy(() -> RecordingContext.of(Map.of(), null, Clock.system()))
        .isInstanceOf(NullPointerException.class).hasMessage("reports");
    assertThatThrownBy(() -> RecordingContext.of(Map.of(), () -> null, null))
        .isInstanceOf(NullPointerException.class).hasMessage("clock");
  }
}
