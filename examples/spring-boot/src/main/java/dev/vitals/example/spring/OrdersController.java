package dev.vitals.example.spring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The service's own API: its requests are tracked by Vitals without any code here. */
@RestController
class OrdersController {

  private static final long MAX_DELAY_MS = 10_000;

  private final JdbcTemplate jdbc;
  private final StringRedisTemplate redis;

  OrdersController(JdbcTemplate jdbc, StringRedisTemplate redis) {
    this.jdbc = jdbc;
    this.redis = redis;
  }

  /** One order, read through the Redis cache. */
  @GetMapping("/api/orders/{id}")
  Map<String, Object> order(@PathVariable long id) {
    String cached = redis.opsForValue().get("order:" + id);
    if (cached != null) {
      return Map.of("id", id, "item", cached, "cached", true);
    }
    List<String> items = jdbc.queryForList("select item from orders where id = ?", String.class, id);
    if (items.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id);
    }
    redis.opsForValue().set("order:" + id, items.get(0));
    return Map.of("id", id, "item", items.get(0), "cached", false);
  }

  /** Answers after {@code delayMs}, or fails with 500 when {@code fail=true}: traffic with chosen latency and errors. */
  @GetMapping("/api/echo")
  Map<String, Object> echo(@RequestParam(defaultValue = "0") long delayMs, @RequestParam(defaultValue = "false") boolean fail)
      throws InterruptedException {
    if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "delayMs must be from 0 to " + MAX_DELAY_MS);
    }
    if (delayMs > 0) {
      TimeUnit.MILLISECONDS.sleep(delayMs); // the latency the caller asked for
    }
    if (fail) {
      throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "failed on request");
    }
    return Map.of("delayMs", delayMs);
  }
}
