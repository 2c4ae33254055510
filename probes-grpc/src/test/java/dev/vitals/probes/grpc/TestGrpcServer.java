package dev.vitals.probes.grpc;

import io.grpc.Attributes;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerTransportFilter;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real grpc-java server on 127.0.0.1 with the standard health service ({@link HealthStatusManager}),
 * whose statuses the test sets; it counts open connections, can be stopped and started again on the
 * same port.
 */
final class TestGrpcServer implements AutoCloseable {

  final HealthStatusManager health = new HealthStatusManager();
  final AtomicInteger openConnections = new AtomicInteger();
  final AtomicInteger connections = new AtomicInteger();
  private final ServerCredentials credentials;
  private final boolean withHealth;
  private Server server;
  private int port;

  private TestGrpcServer(ServerCredentials credentials, boolean withHealth) {
    this.credentials = credentials;
    this.withHealth = withHealth;
    health.setStatus("", ServingStatus.SERVING);
    start(0);
  }

  /** A plain-text server whose health service answers SERVING for the server as a whole. */
  static TestGrpcServer plain() {
    return new TestGrpcServer(InsecureServerCredentials.create(), true);
  }

  /** A server with TLS. */
  static TestGrpcServer tls(ServerCredentials credentials) {
    return new TestGrpcServer(credentials, true);
  }

  /** A plain-text server with no service at all. */
  static TestGrpcServer withoutHealthService() {
    return new TestGrpcServer(InsecureServerCredentials.create(), false);
  }

  int port() {
    return port;
  }

  String url() {
    return "127.0.0.1:" + port;
  }

  /** Starts again on the port it had. */
  void restart() {
    start(port);
  }

  private void start(int onPort) {
    NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort),
        credentials).addTransportFilter(new ServerTransportFilter() {
          @Override
          public Attributes transportReady(Attributes attributes) {
            openConnections.incrementAndGet();
            connections.incrementAndGet();
            return attributes;
          }

          @Override
          public void transportTerminated(Attributes attributes) {
            openConnections.decrementAndGet();
          }
        });
    if (withHealth) {
      b.addService(health.getHealthService());
    }
    try {
      server = b.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = server.getPort();
  }

  /** Stops the server and closes every connection it has. */
  void stop() {
    if (server != null) {
      server.shutdownNow();
      try {
        server.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
