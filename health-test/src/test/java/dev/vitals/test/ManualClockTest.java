package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void timeMovesOnlyWhenAdvanced() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    long t0 = clock.nanoTime();
    assertThat(clock.nanoTime()).isEqualTo(t0);
    clock.advance(Duration.ofMillis(1500));
    assertThat(clock.nanoTime() - t0).isEqualTo(1_500_000_000L);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-27T10:00:01.500Z"));
    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).hasMessageContaining("backwards");
  }

  @Test
  void dueTasksRunInTimeOrderAtTheirDueTime() {
    ManualClock clock = new ManualClock();
    ScheduledExecutorService s = clock.scheduler();
    List<String> log = new ArrayList<>();
    long t0 = clock.nanoTime();
    s.schedule(() -> log.add("b@" + (clock.nanoTime() - t0) / 1_000_000), 200, TimeUnit.MILLISECONDS);
    s.schedule(() -> {
      log.add("a@" + (clock.nanoTime() - t0) / 1_000_000);
      s.schedule(() -> log.add("c@" + (clock.nanoTime() - t0) / 1_000_000), 50, TimeUnit.MILLISECONDS);
    }, 100, TimeUnit.MILLISECONDS);
    clock.advance(Duration.ofMillis(99));
    assertThat(log).isEmpty();
    clock.advance(Duration.ofMillis(1000));
    assertThat(log).containsExactly("a@100", "c@150", "b@200");
    assertThat(clock.nanoTime() - t0).isEqualTo(1_099_000_000L);
  }

  @Test
  void periodicTasksRepeatAndCanBeCancelled() {
    ManualClock clock = new ManualClock();
    List<Long> runs = new ArrayList<>();
    ScheduledFuture<?> f = clock.scheduler().scheduleAtFixedRate(() -> runs.add(clock.nanoTime()), 10, 10, TimeUnit.SECONDS);
    clock.advance(Duration.ofSeconds(35));
    assertThat(runs).hasSize(3);
    f.cancel(false);
    clock.advance(Duration.ofSeconds(35));
    assertThat(runs).hasSize(3);
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void aSilentServerAcceptsAndNeverAnswers() throws Exception {
    try (SilentServer server = new SilentServer(); java.net.Socket s = new java.net.Socket(server.host(), server.port())) {
      s.setSoTimeout(200);
      s.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
      org.awaitility.Awaitility.await().until(() -> server.acceptedConnections() == 1);
    }
  }
}
