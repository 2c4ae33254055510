package dev.vitals.example.spring;

import java.io.IOException;
import java.net.ServerSocket;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import redis.embedded.RedisServer;

/**
 * A small orders service: an H2 database, a Redis cache, a REST API. It adds only the Vitals starter
 * and a few {@code vitals.*} keys (see application.properties); everything else Vitals does comes
 * from the starter.
 *
 * <p>Run with {@code java -jar examples/spring-boot/target/vitals-example-spring-boot.jar}. Without
 * {@code spring.data.redis.port} (or {@code --spring.data.redis.port=N}) it starts a real
 * {@code redis-server} of its own on a free port, so the example needs nothing installed.
 */
@SpringBootApplication
public class OrdersApplication {

  /**
   * Starts the service.
   *
   * @param args Spring Boot arguments, such as {@code --server.port=8080}
   * @throws IOException if the local Redis cannot start
   */
  public static void main(String[] args) throws IOException {
    SpringApplication.run(OrdersApplication.class, withLocalRedis(args));
  }

  /**
   * The arguments, plus a local Redis's port unless one is configured.
   *
   * @param args the command line
   * @return the arguments to start Spring with
   * @throws IOException if the local Redis cannot start
   */
  static String[] withLocalRedis(String[] args) throws IOException {
    for (String arg : args) {
      if (arg.startsWith("--spring.data.redis.")) {
        return args;
      }
    }
    if (System.getenv("SPRING_DATA_REDIS_PORT") != null || System.getenv("SPRING_DATA_REDIS_URL") != null) {
      return args;
    }
    int port = freePort();
    RedisServer redis = new RedisServer(port);
    redis.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(redis), "local-redis-stop"));
    System.out.println("Local Redis for the example: redis://127.0.0.1:" + port);
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--spring.data.redis.host=127.0.0.1";
    all[args.length + 1] = "--spring.data.redis.port=" + port;
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void stopQuietly(RedisServer redis) {
    try {
      redis.stop();
    } catch (IOException e) {
      System.err.println("Local Redis did not stop: " + e);
    }
  }
}
