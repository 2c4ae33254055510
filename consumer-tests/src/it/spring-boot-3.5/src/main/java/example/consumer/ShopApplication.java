package example.consumer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
public class ShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }

  /** An ordinary indicator; it counts its calls so the test can see who calls it. */
  @Component("inventoryHealthIndicator")
  public static class InventoryHealthIndicator implements HealthIndicator {
    public final AtomicInteger calls = new AtomicInteger();

    @Override
    public Health health() {
      calls.incrementAndGet();
      return Health.up().withDetail("items", 42).build();
    }
  }

  @RestController
  static class Api {
    @GetMapping("/api/items")
    Map<String, Object> items() {
      return Map.of("items", 42);
    }
  }
}
