package dev.vitals.probes.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Turns what the Kafka client threw into one sentence that says what failed. The caller scrubs
 * secrets from it. Stateless.
 */
final class Failures {

  private Failures() {}

  /** The cause worth describing: without the wrappers of futures and the client's generic exception. */
  static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof ExecutionException || e instanceof CompletionException
        || (e.getClass() == KafkaException.class)) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  static boolean isTimeout(Throwable e) {
    return e instanceof TimeoutException || e instanceof java.util.concurrent.TimeoutException;
  }

  /**
   * Describes a failure of one step.
   *
   * @param what what the probe was waiting for, such as {@code the cluster's description}
   * @param error what the client threw (unwrapped)
   * @param limitMillis the step's limit, for timeouts
   * @param servers the bootstrap servers, for messages
   */
  static String describe(String what, Throwable error, long limitMillis, String servers) {
    if (isTimeout(error)) {
      return "timed out after " + duration(limitMillis) + " waiting for " + what + " from " + servers;
    }
    if (error instanceof SslAuthenticationException) {
      return "TLS handshake with " + servers + " failed: " + text(error);
    }
    if (error instanceof AuthenticationException) {
      return "authentication with " + servers + " failed: " + text(error);
    }
    if (error instanceof AuthorizationException) {
      return "not authorized to read " + what + ": " + text(error);
    }
    if (error instanceof UnsupportedVersionException) {
      return "the cluster does not support reading " + what + ": " + text(error);
    }
    if (error instanceof UnknownTopicOrPartitionException) {
      return what + ": the topic does not exist";
    }
    return "reading " + what + " failed: " + text(error);
  }

  /** 1500 -> "1.5s", 2000 -> "2s", 750 -> "750ms". */
  static String duration(long millis) {
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0).replace(".0s", "s");
  }

  static String text(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
  }

  /**
   * What a plain TCP connection to each server says, within a budget, after the client timed out:
   * {@code 127.0.0.1:9092: connection refused}, or that it accepts connections and yet sends no answer
   * (a frozen or overloaded broker). Empty when there is no time left.
   *
   * @param servers host:port entries
   * @param deadlineNanos when to stop, in {@link System#nanoTime()}
   */
  static String diagnose(List<String> servers, long deadlineNanos) {
    List<String> found = new ArrayList<>();
    for (String server : servers) {
      long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
      if (left < 5 || found.size() == 3) {
        break;
      }
      int colon = server.lastIndexOf(':');
      String host = server.substring(0, colon);
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = Integer.parseInt(server.substring(colon + 1));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), (int) Math.min(left, Integer.MAX_VALUE));
        found.add(server + " accepts connections but Kafka sent no answer");
      } catch (UnknownHostException e) {
        found.add(server + ": unknown host");
      } catch (ConnectException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        found.add(server + (m.contains("refused") ? ": connection refused" : ": cannot connect (" + e.getMessage() + ")"));
      } catch (SocketTimeoutException e) {
        found.add(server + ": connect timed out");
      } catch (IOException | IllegalArgumentException e) {
        found.add(server + ": cannot connect (" + e.getMessage() + ")");
      }
    }
    return String.join("; ", found);
  }
}
