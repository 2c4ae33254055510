package dev.vitals.probes.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of a real server that counts, on the server side, the
 * connections clients have open through it: a connection counts from its accept until either end
 * closes it.
 */
final class CountingProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress backend;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "counting-proxy");
    t.setDaemon(true);
    return t;
  });

  CountingProxy(int backendPort) {
    this.backend = new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort);
    try {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections open now. */
  int open() {
    return open.get();
  }

  /** Connections accepted so far. */
  int total() {
    return total.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      total.incrementAndGet();
      open.incrementAndGet();
      Socket server = new Socket();
      sockets.add(client);
      sockets.add(server);
      AtomicBoolean closed = new AtomicBoolean();
      Runnable closeBoth = () -> {
        if (closed.compareAndSet(false, true)) {
          quietlyClose(client);
          quietlyClose(server);
          sockets.remove(client);
          sockets.remove(server);
          open.decrementAndGet();
        }
      };
      try {
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        server.connect(backend, 1000);
      } catch (IOException e) {
        closeBoth.run();
        continue;
      }
      threads.execute(() -> pump(client, server, closeBoth));
      threads.execute(() -> pump(server, client, closeBoth));
    }
  }

  private static void pump(Socket from, Socket to, Runnable closeBoth) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // either end went away
    } finally {
      closeBoth.run();
    }
  }

  private static void quietlyClose(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    quietlyClose(listener);
    sockets.forEach(CountingProxy::quietlyClose);
    threads.shutdownNow();
  }

  private static void quietlyClose(ServerSocket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
