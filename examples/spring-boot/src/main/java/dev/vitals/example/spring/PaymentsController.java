package dev.vitals.example.spring;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Switches the example's payments indicator between UP and DOWN. */
@RestController
class PaymentsController {

  private final PaymentsHealthIndicator payments;

  PaymentsController(PaymentsHealthIndicator payments) {
    this.payments = payments;
  }

  @PostMapping("/api/payments/outage")
  Map<String, Object> outage(@RequestParam boolean on) {
    payments.outage(on);
    return Map.of("outage", on);
  }
}
