package dev.vitals.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function's own work, which knows nothing of Vitals: prices an order.
 *
 * <p>Input: {@code {"orderId":"o-1","items":[{"sku":"A-7","quantity":2,"unitPrice":9.5}]}}. Output:
 * {@code {"orderId":"o-1","items":1,"quantity":2,"total":"19.00","status":"ACCEPTED"}}. An order without an id,
 * without items, or with an item whose quantity is not a whole number above 0 or whose price is negative is
 * refused with an {@link IllegalArgumentException} that says which field is wrong (Lambda reports it as the
 * invocation's error; Vitals counts it in {@code Errors}).
 */
final class Orders implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> order, Context context) {
    if (order == null) {
      throw new IllegalArgumentException("no order: the event is empty");
    }
    Object id = order.get("orderId");
    if (!(id instanceof String) || ((String) id).isBlank()) {
      throw new IllegalArgumentException("orderId must be a non-empty string, was " + id);
    }
    Object items = order.get("items");
    if (!(items instanceof List) || ((List<?>) items).isEmpty()) {
      throw new IllegalArgumentException("items must be a non-empty list, was " + items);
    }
    BigDecimal total = BigDecimal.ZERO;
    long quantity = 0;
    List<?> list = (List<?>) items;
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map)) {
        throw new IllegalArgumentException("items[" + i + "] must be an object, was " + list.get(i));
      }
      Map<?, ?> item = (Map<?, ?>) list.get(i);
      BigDecimal q = number(item.get("quantity"));
      if (q == null || q.signum() <= 0 || q.stripTrailingZeros().scale() > 0) {
        throw new IllegalArgumentException("items[" + i + "].quantity must be a whole number above 0, was "
            + item.get("quantity"));
      }
      BigDecimal price = number(item.get("unitPrice"));
      if (price == null || price.signum() < 0) {
        throw new IllegalArgumentException("items[" + i + "].unitPrice must be a number of at least 0, was "
            + item.get("unitPrice"));
      }
      quantity += q.longValueExact();
      total = total.add(price.multiply(q));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("orderId", id);
    out.put("items", list.size());
    out.put("quantity", quantity);
    out.put("total", total.setScale(2, RoundingMode.HALF_EVEN).toPlainString());
    out.put("status", "ACCEPTED");
    return out;
  }

  private static BigDecimal number(Object o) {
    if (!(o instanceof Number)) {
      return null;
    }
    try {
      return new BigDecimal(o.toString());
    } catch (NumberFormatException e) {
      return null; // NaN, infinity
    }
  }
}
