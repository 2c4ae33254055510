package dev.vitals.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop HTTP/1.1 client in plain Java, for machines without wrk and for the smoke test: one
 * thread per connection, each sending {@code GET /health} on a kept-alive socket as soon as the previous
 * answer is read, until the deadline. Latencies go to an HdrHistogram {@code Recorder} in microseconds.
 * Bounded: at most {@value WrkClient#MAX_CONNECTIONS} connections, {@value WrkClient#MAX_SECONDS} s.
 */
final class JavaClient {

  private static final byte[] REQUEST = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: vitals-load\r\n"
      + "Accept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

  private JavaClient() {}

  /** Runs the client against {@code 127.0.0.1:port} for {@code millis} milliseconds. */
  static LoadResult run(String server, String phase, int port, int connections, long millis)
      throws InterruptedException {
    WrkClient.check(connections, (int) Math.max(1, millis / 1000));
    Recorder latencies = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicLong requests = new AtomicLong();
    AtomicLong socketErrors = new AtomicLong();
    AtomicLong statusErrors = new AtomicLong();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
    List<Thread> threads = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(() -> loop(port, deadline, latencies, requests, socketErrors, statusErrors),
          "load-" + server + "-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(millis + 10_000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram h = latencies.getIntervalHistogram();
    return new LoadResult("java", server, phase, connections, seconds, requests.get(),
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0, socketErrors.get(), statusErrors.get());
  }

  private static void loop(int port, long deadline, Recorder latencies, AtomicLong requests, AtomicLong socketErrors,
      AtomicLong statusErrors) {
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
        while (System.nanoTime() < deadline) {
          long t0 = System.nanoTime();
          out.write(REQUEST);
          out.flush();
          int status = readResponse(in);
          latencies.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
          requests.incrementAndGet();
          if (status < 200 || status >= 400) {
            statusErrors.incrementAndGet();
          }
        }
      } catch (IOException e) {
        if (System.nanoTime() < deadline) {
          socketErrors.incrementAndGet();
        }
      }
    }
  }

  /** Reads one response with a Content-Length body; returns its status code. */
  static int readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
      throw new IOException("bad status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = 0;
    boolean close = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
          close = true;
        }
      }
    }
    for (long skipped = 0; skipped < length; ) {
      long n = in.skip(length - skipped);
      if (n <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed in a body");
        }
        n = 1;
      }
      skipped += n;
    }
    if (close) {
      throw new IOException("server closed the connection");
    }
    return status;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c == '\n') {
        int n = b.length();
        return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
      }
      b.append((char) c);
    }
  }
}
