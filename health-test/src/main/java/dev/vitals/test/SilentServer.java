package dev.vitals.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that accepts connections, reads nothing and answers nothing: the
 * behaviour of a frozen database or a hung downstream. A probe pointed at it must give up at its
 * own timeout. Closing the server closes every connection it accepted.
 *
 * <p>Thread-safe. Use with try-with-resources.
 */
public final class SilentServer implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /**
   * Starts a silent server on a free loopback port.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public SilentServer() {
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::acceptLoop, "silent-server-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        accepted.add(server.accept());
      } catch (IOException e) {
        return;
      }
    }
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * The host it listens on.
   *
   * @return {@code 127.0.0.1}
   */
  public String host() {
    return server.getInetAddress().getHostAddress();
  }

  /**
   * How many connections it accepted so far.
   *
   * @return the count
   */
  public int acceptedConnections() {
    return accepted.size();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : accepted) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
