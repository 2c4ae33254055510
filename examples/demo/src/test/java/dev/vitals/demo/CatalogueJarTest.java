package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-alone monitor with every probe type of the catalogue configured by key, and its gRPC health
 * service: the packaged jar in a process of its own, as a user runs it. Each type is found in the jar,
 * runs, and reports under its type; a gRPC client asks the demo's own health service.
 */
@EnabledIfSystemProperty(named = DemoJar.JAR_PROPERTY, matches = ".+",
    disabledReason = "runs the packaged jar: in the package phase (mvn package or verify), after the shade plugin")
class CatalogueJarTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void everyProbeTypeRunsByKeyAndTheGrpcHealthServiceAnswers() throws Exception {
    int grpcPort = freePort();
    int closed = freePort(); // nothing listens there: the network probes are DOWN with their reason
    String text = String.join("\n",
        "vitals.grpc.port = " + grpcPort,
        "vitals.probes.heartbeat.type = heartbeat",
        "vitals.probes.deadlock.type = deadlock",
        "vitals.probes.memory.type = memory",
        "vitals.probes.threads.type = threads",
        "vitals.probes.fds.type = file-descriptors",
        "vitals.probes.scratch.type = disk",
        "vitals.probes.scratch.path = " + dir.toString().replace("\\", "\\\\"),
        "vitals.probes.scratch.min-free = 1MB",
        "vitals.probes.resolver.type = dns",
        "vitals.probes.resolver.name = localhost",
        "vitals.probes.self-grpc.type = grpc",
        "vitals.probes.self-grpc.url = 127.0.0.1:" + grpcPort,
        // the demo's own gRPC health service, asked about one probe (asking about the whole service
        // would make this probe judge itself)
        "vitals.probes.self-grpc.service = heartbeat",
        "vitals.probes.self-grpc.interval = 1s",
        "vitals.probes.self-grpc.critical = false",
        "vitals.probes.events.type = kafka",
        "vitals.probes.events.bootstrap-servers = 127.0.0.1:" + closed,
        "vitals.probes.events.critical = false",
        "vitals.probes.queue.type = rabbitmq",
        "vitals.probes.queue.url = amqp://monitor:s3cret-pw@127.0.0.1:" + closed,
        "vitals.probes.queue.critical = false",
        "vitals.probes.mail.type = smtp",
        "vitals.probes.mail.host = 127.0.0.1",
        "vitals.probes.mail.port = " + closed,
        "vitals.probes.mail.critical = false",
        "");
    Path config = Files.writeString(dir.resolve("catalogue.properties"), text, StandardCharsets.UTF_8);
    try (DemoJar demo = DemoJar.launch(dir, "--config", config.toString(), "--port", Integer.toString(freePort()))) {
      URI base = demo.awaitUp();
      String[][] expected = {
          {"heartbeat", "heartbeat", "UP"}, {"deadlock", "deadlock", "UP"}, {"memory", "memory", "UP"},
          {"threads", "threads", "UP"}, {"fds", "file-descriptors", "UP"}, {"scratch", "disk", "UP"},
          {"resolver", "dns", "UP"}, {"self-grpc", "grpc", "UP"},
          {"events", "kafka", "DOWN"}, {"queue", "rabbitmq", "DOWN"}, {"mail", "smtp", "DOWN"},
      };
      for (String[] e : expected) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("health/" + e[0]))
              .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(r.body()).as("probe %s of type %s", e[0], e[1])
              .contains("\"type\":\"" + e[1] + "\"", "\"status\":\"" + e[2] + "\"");
        });
      }

      // the demo's own gRPC health service, asked by a real grpc-java client
      ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", grpcPort,
          InsecureChannelCredentials.create()).build();
      try {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThat(health.check(HealthCheckRequest.newBuilder().setService("liveness").build()).getStatus())
            .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(health.withDeadlineAfter(10, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().setService("queue").build()).getStatus())
            .isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      assertThat(demo.output()).as("the rabbitmq password is never printed").doesNotContain("s3cret-pw");
      String all = HTTP.send(HttpRequest.newBuilder(base.resolve("health")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(all).doesNotContain("s3cret-pw");
    }
  }
}
