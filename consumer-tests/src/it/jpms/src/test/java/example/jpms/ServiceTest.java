package example.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ServiceTest {

  @Test
  void healthAnswers200WithTheProbeOfARealServerAsJson() throws Exception {
    HttpServer dependency = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    dependency.createContext("/ping", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    dependency.start();
    try (Service service = new Service("http://127.0.0.1:" + dependency.getAddress().getPort() + "/ping")) {
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(service.uri().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());

      assertEquals(200, health.statusCode(), health.body());
      assertTrue(health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
          health.headers().toString());
      assertTrue(health.body().startsWith("{\"status\":\"UP\""), health.body());
      assertTrue(health.body().contains("\"name\":\"orders\",\"type\":\"http\",\"status\":\"UP\""), health.body());
      assertModulePath();
    } finally {
      dependency.stop(0);
    }
  }

  private void assertModulePath() {
    assertEquals("dev.vitals.core", dev.vitals.core.HealthMonitor.class.getModule().getName(), "on the module path");
    assertEquals("example.jpms", Service.class.getModule().getName());
  }
}
