package dev.vitals.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The function's own work, fed as the runtime feeds it: JSON events parsed into maps. */
class OrdersTest {

  private final Orders orders = new Orders();

  @SuppressWarnings("unchecked")
  private Map<String, Object> handle(String json) {
    return orders.handleRequest((Map<String, Object>) EventJson.parse(json), null);
  }

  @Test
  void pricesAnOrder() {
    assertThat(handle("{\"orderId\":\"o-1\",\"items\":[{\"sku\":\"A\",\"quantity\":2,\"unitPrice\":4.5},"
        + "{\"sku\":\"B\",\"quantity\":3,\"unitPrice\":0.1}]}"))
        .containsExactly(Map.entry("orderId", "o-1"), Map.entry("items", 2), Map.entry("quantity", 5L),
            Map.entry("total", "9.30"), Map.entry("status", "ACCEPTED"));
  }

  @Test
  void refusesABadOrderNamingTheField() {
    assertThatIllegalArgumentException().isThrownBy(() -> handle("{\"items\":[]}"))
        .withMessage("orderId must be a non-empty string, was null");
    assertThatIllegalArgumentException().isThrownBy(() -> handle("{\"orderId\":\"o\",\"items\":[]}"))
        .withMessage("items must be a non-empty list, was []");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> handle("{\"orderId\":\"o\",\"items\":[{\"quantity\":1.5,\"unitPrice\":1}]}"))
        .withMessage("items[0].quantity must be a whole number above 0, was 1.5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> handle("{\"orderId\":\"o\",\"items\":[{\"quantity\":1,\"unitPrice\":-1}]}"))
        .withMessage("items[0].unitPrice must be a number of at least 0, was -1");
  }

  @Test
  void eventJsonReadsWhatTheRuntimeSerializerWouldAndWritesItBack() {
    Object v = EventJson.parse(" {\"a\":[1,2.5,-3e2,true,false,null],\"b\":\"x\\\"\\u00e9\\n\",\"c\":{},"
        + "\"d\":12345678901} ");
    assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(1, 2.5, -300.0, true, false, null),
        "b", "x\"\u00e9\n", "c", Map.of(), "d", 12345678901L));
    assertThat(EventJson.write(v)).isEqualTo("{\"a\":[1,2.5,-300.0,true,false,null],\"b\":\"x\\\"\u00e9\\n\","
        + "\"c\":{},\"d\":12345678901}");
    assertThatIllegalArgumentException().isThrownBy(() -> EventJson.parse("{\"a\":1,}"))
        .withMessage("not JSON at offset 7: a member name expected");
  }
}
