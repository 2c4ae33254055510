package dev.vitals.exporter.grpc;

import dev.vitals.api.spi.Exporter;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The exporter {@code grpc}: a grpc-java server (Netty, plain text) serving only {@link VitalsHealthService}.
 * Its calls never block, so they run on the transport's threads (grpc-java's shared Netty event loops,
 * released a second after the last server or channel closes). Thread-safe.
 */
final class GrpcHealthServer implements Exporter {

  private final VitalsHealthService service;
  private final Server server;
  private final String host;

  private GrpcHealthServer(VitalsHealthService service, Server server, String host) {
    this.service = service;
    this.server = server;
    this.host = host;
  }

  /**
   * Binds and starts.
   *
   * @throws IOException naming the key and the address when it cannot be bound
   */
  static GrpcHealthServer start(VitalsHealthService service, String host, int port) throws IOException {
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), InsecureServerCredentials.create())
        .directExecutor()
        .addService(service)
        .build();
    try {
      server.start();
    } catch (IOException e) {
      service.close();
      server.shutdownNow();
      boolean inUse = e instanceof BindException || e.getCause() instanceof BindException;
      throw new IOException(GrpcExporterFactory.PREFIX + "port = '" + port + "' is not allowed: expected a free port: "
          + host + ":" + port + (inUse ? " is already in use" : " cannot be bound (" + e.getMessage() + ")"), e);
    }
    return new GrpcHealthServer(service, server, host);
  }

  /** The port it listens on (the one chosen by the system for {@code vitals.grpc.port = 0}). */
  int port() {
    return server.getPort();
  }

  /** The health service it serves. */
  VitalsHealthService service() {
    return service;
  }

  @Override
  public String name() {
    return GrpcExporterFactory.NAME;
  }

  /** Ends the Watch streams, stops the server and waits up to 5 seconds for its calls to end. */
  @Override
  public void close() {
    service.close();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "GrpcHealthServer[" + host + ":" + (server.isShutdown() ? "closed" : String.valueOf(server.getPort())) + "]";
  }
}
