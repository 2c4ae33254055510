package dev.vitals.probes.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback in front of a real server that passes requests at once and answers one
 * byte per tick: a link so bad that every read gets a byte before any per-read timeout fires. Only a
 * deadline for the whole call bounds a client behind it. Close it to drop every connection.
 */
final class DrippingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int upstreamPort;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "drip"));
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final long tickMillis;

  DrippingProxy(int upstreamPort, long tickMillis) {
    this.upstreamPort = upstreamPort;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.tickMillis = tickMillis;
    daemon(this::acceptLoop, "drip-accept").start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        sockets.add(client);
        sockets.add(upstream);
        daemon(() -> copy(client, upstream), "drip-up").start();
        BlockingQueue<Integer> pending = new LinkedBlockingQueue<>();
        daemon(() -> queue(upstream, pending), "drip-down").start();
        OutputStream out = client.getOutputStream();
        ticker.scheduleAtFixedRate(() -> {
          Integer b = pending.poll();
          if (b != null && !client.isClosed()) {
            try {
              out.write(b);
              out.flush();
            } catch (IOException e) {
              closeQuietly(client);
            }
          }
        }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void copy(Socket from, Socket to) {
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(to);
    }
  }

  private static void queue(Socket from, BlockingQueue<Integer> pending) {
    try (InputStream in = from.getInputStream()) {
      int b;
      while ((b = in.read()) >= 0) {
        pending.add(b);
      }
    } catch (IOException e) {
      // closed
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    sockets.forEach(DrippingProxy::closeQuietly);
  }
}
