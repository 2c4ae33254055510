package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.SilentServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine interrupts a run at its timeout; a probe waiting in the driver's handshake returns at once. */
class EngineInterruptTest {

  private final ExecutorService engine = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-engine");
    t.setDaemon(true);
    return t;
  });

  @AfterEach
  void stopEngine() {
    engine.shutdownNow();
  }

  @Test
  void anInterruptReleasesAProbeWaitingForAHandshakeLongBeforeItsClientLimit() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      // A 30 s timeout gives a client limit of 29.5 s: only the interrupt can end this run early.
      JdbcProbe probe = JdbcProbe.builder("db")
          .url("jdbc:postgresql://" + silent.host() + ":" + silent.port() + "/app")
          .username("probe").password("int-Secret-5").timeout(Duration.ofSeconds(30)).build();
      CompletableFuture<ProbeResult> returned = new CompletableFuture<>();
      Future<?> run = engine.submit(() -> returned.complete(probe.check()));
      Awaitility.await("the driver connected and waits for the handshake").atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(10)).until(() -> silent.acceptedConnections() == 1);

      long start = System.nanoTime();
      run.cancel(true);
      ProbeResult r = returned.get(2, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isLessThan(Duration.ofSeconds(1));
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).get().asString().isEqualTo("interrupted while connecting: the run was cancelled");
      assertThat(r.toString()).doesNotContain("int-Secret-5");
    }
  }
}
