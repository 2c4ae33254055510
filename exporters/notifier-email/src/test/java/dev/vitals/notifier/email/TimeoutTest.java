package dev.vitals.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A server that greets and then freezes: send gives up at its timeout. (One that never says a word is
 * the kit's check, in {@link EmailNotifierCompatibilityTest}.)
 */
class TimeoutTest {

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
  }

  @Test
  void serverThatGreetsThenFreezesFailsTheSendWithinItsTimeoutAndLeavesNoThread() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread greeter = new Thread(() -> greetThenHang(server), "greet-then-hang");
      greeter.setDaemon(true);
      greeter.start();
      Notifier n = new EmailNotifierFactory().create(NotifierConfig.of("ops", Map.of(
          "type", "email", "host", "127.0.0.1", "port", Integer.toString(server.getLocalPort()),
          "starttls", "none", "from", "vitals@example.com", "to", "ops@example.com", "timeout", "500ms")));
      Set<Thread> before = liveThreads();

      long start = System.nanoTime();
      assertThatThrownBy(() -> n.send(Alerts.firing()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("timed out");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofMillis(500 + 1_500));
      await().pollInSameThread().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        Set<Thread> added = new HashSet<>(liveThreads());
        added.removeAll(before);
        assertThat(added).as("threads started by the send and still alive").isEmpty();
      });
    }
  }

  /** Greets like an SMTP server, then reads what the client says and never answers. */
  private static void greetThenHang(ServerSocket server) {
    try (Socket s = server.accept()) {
      OutputStream out = s.getOutputStream();
      out.write("220 frozen.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[1024];
      while (in.read(buf) >= 0) {
        // swallow the client's EHLO and everything after it
      }
    } catch (IOException e) {
      // the server socket was closed by the test
    }
  }
}
