package dev.vitals.probes.http;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A JDK HttpServer in a process of its own, for faults that need a process: {@code kill -STOP}
 * freezes it whole. Prints its port on the first line; ends when its standard input closes, so it
 * never outlives the test JVM.
 */
public final class StandaloneServer {

  private StandaloneServer() {}

  /**
   * Starts the server.
   *
   * @param args ignored
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/health", ex -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    System.out.println(server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the test JVM to close our standard input
    }
    server.stop(0);
  }
}
