package dev.vitals.example.quarkus;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A real downstream for the application's Vitals http probe: a JDK HttpServer on a free port. */
public class DownstreamServer implements QuarkusTestResourceLifecycleManager {

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/ping", exchange -> {
      byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return Map.of("vitals.probes.downstream.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/ping");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
