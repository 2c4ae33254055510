package dev.vitals.probes.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening socket on 127.0.0.1 whose accept queue is full: it never accepts, and it has been
 * filled with connections until one connect timed out. From then on the kernel drops every new SYN,
 * so a connect to it hangs until the client's own timeout: a connect timeout without any traffic
 * leaving the loopback interface.
 */
final class FullBacklogServer implements AutoCloseable {

  private final ServerSocket listener;
  private final List<Socket> fillers = new ArrayList<>();

  FullBacklogServer() {
    try {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      for (int i = 0; i < 64; i++) {
        Socket s = new Socket();
        try {
          s.connect(listener.getLocalSocketAddress(), 200);
          fillers.add(s);
        } catch (SocketTimeoutException full) {
          s.close();
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    close();
    throw new IllegalStateException("the accept queue of a listener with backlog 1 did not fill after 64 connections");
  }

  int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() {
    for (Socket s : fillers) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
