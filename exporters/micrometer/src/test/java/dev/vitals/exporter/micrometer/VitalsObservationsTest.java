package dev.vitals.exporter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ProbeObserver;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class VitalsObservationsTest {

  /** Records what a tracing handler would see. */
  static final class RecordingHandler implements ObservationHandler<Observation.Context> {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(Observation.Context context) {
      events.add("start " + context.getName() + " " + low(context));
    }

    @Override
    public void onError(Observation.Context context) {
      Throwable error = context.getError();
      events.add("error " + (error == null ? "null" : error.getMessage()));
    }

    @Override
    public void onStop(Observation.Context context) {
      events.add("stop " + context.getName() + " " + low(context));
      stopped.add(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }

    static Map<String, String> low(Observation.Context context) {
      Map<String, String> kv = new TreeMap<>();
      for (KeyValue k : context.getLowCardinalityKeyValues()) {
        kv.put(k.getKey(), k.getValue());
      }
      return kv;
    }
  }

  private final RecordingHandler handler = new RecordingHandler();
  private final ObservationRegistry registry = ObservationRegistry.create();
  private final VitalsObservations observer;

  VitalsObservationsTest() {
    registry.observationConfig().observationHandler(handler);
    observer = new VitalsObservations(registry);
  }

  private static ProbeResult timed(ProbeResult r) {
    return r.withTiming(1_200_000, Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Test
  void startCreatesAndStartsAnObservationWithProbeAndType() {
    observer.start("db", "jdbc");

    assertThat(handler.events).containsExactly("start vitals.probe {probe=db, type=jdbc}");
  }

  @Test
  void endAddsStatusAndStopsTheObservation() {
    ProbeObserver.Run run = observer.start("db", "jdbc");

    run.end(timed(ProbeResult.up()));

    assertThat(handler.events).containsExactly(
        "start vitals.probe {probe=db, type=jdbc}",
        "stop vitals.probe {error.type=none, probe=db, status=up, type=jdbc}");
  }

  @Test
  void degradedRunIsStoppedWithoutError() {
    observer.start("cache", "redis").end(timed(ProbeResult.degraded("pool waiting")));

    assertThat(handler.events).containsExactly(
        "start vitals.probe {probe=cache, type=redis}",
        "stop vitals.probe {error.type=none, probe=cache, status=degraded, type=redis}");
    assertThat(handler.stopped.get(0).getHighCardinalityKeyValue("message").getValue()).isEqualTo("pool waiting");
  }

  @Test
  void failedRunReportsTheRedactedErrorAndItsType() {
    ProbeObserver.Run run = observer.start("db", "jdbc");

    run.end(timed(ProbeResult.down(new ConnectException("redis://cache: auth=hunter2 refused"))));

    assertThat(handler.events).hasSize(3);
    assertThat(handler.events.get(1)).startsWith("error java.net.ConnectException: redis://cache: auth=****");
    assertThat(handler.events.get(2)).isEqualTo("stop vitals.probe {error.type=ConnectException, probe=db, status=down, type=jdbc}");
    assertThat(String.join("\n", handler.events)).doesNotContain("hunter2");
  }

  @Test
  void downWithoutExceptionStillMarksTheObservationFailed() {
    observer.start("api", "http").end(timed(ProbeResult.down("HTTP 503")));

    assertThat(handler.events).containsExactly(
        "start vitals.probe {probe=api, type=http}",
        "error HTTP 503",
        "stop vitals.probe {error.type=none, probe=api, status=down, type=http}");
  }

  @Test
  void runEndedOnAnotherThreadIsStoppedOnce() throws InterruptedException {
    ProbeObserver.Run run = observer.start("db", "jdbc");
    Thread timeout = new Thread(() -> run.end(timed(ProbeResult.down("timed out after 2s"))));
    timeout.start();
    timeout.join();

    run.end(timed(ProbeResult.up()));

    assertThat(handler.stopped).hasSize(1);
    assertThat(handler.events).last().asString().contains("status=down");
  }

  @Test
  void eachRunIsItsOwnObservation() {
    ProbeObserver.Run first = observer.start("db", "jdbc");
    ProbeObserver.Run second = observer.start("cache", "redis");
    second.end(timed(ProbeResult.up()));
    first.end(timed(ProbeResult.up()));

    assertThat(handler.stopped).extracting(c -> c.getLowCardinalityKeyValue("probe").getValue())
        .containsExactly("cache", "db");
  }

  @Test
  void aMeterHandlerTimesEveryRunWithTheKeyValuesAsTags() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    VitalsObservations timed = new VitalsObservations(observations);

    timed.start("db", "jdbc").end(timed(ProbeResult.up()));
    timed.start("db", "jdbc").end(timed(ProbeResult.up()));
    timed.start("db", "jdbc").end(timed(ProbeResult.down("refused")));

    Timer up = meters.get("vitals.probe")
        .tags("probe", "db", "type", "jdbc", "status", "up", "error.type", "none", "error", "none").timer();
    Timer down = meters.get("vitals.probe")
        .tags("probe", "db", "status", "down", "error", "ProbeDownException").timer();
    assertThat(up.count()).isEqualTo(2);
    assertThat(down.count()).isEqualTo(1);
  }

  @Test
  void aNoopRegistryObservesNothingAndDoesNotFail() {
    VitalsObservations noop = new VitalsObservations(ObservationRegistry.NOOP);

    noop.start("db", "jdbc").end(timed(ProbeResult.down(new IllegalStateException())));

    assertThat(handler.events).isEmpty();
  }
}
