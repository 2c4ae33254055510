package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine applies the API's name rule ({@link Names}), with the API's message. */
class NameRuleTest {

  private final ManualClock clock = new ManualClock();

  /** A probe written without Probe.of, which could carry any name. */
  private static Probe named(String name) {
    return new Probe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ProbeResult check() {
        return ProbeResult.up();
      }
    };
  }

  @Test
  void theEngineRuleIsTheApiRule() {
    assertThat(ProbeSettings.NAME_RULE).isSameAs(Names.RULE);
    for (String name : new String[] {"a", "Orders-API_2", "a".repeat(63), "a".repeat(64), "orders.api", "-a", "a b", ""}) {
      assertThat(ProbeSettings.validName(name)).as(name).isEqualTo(Names.isValid(name));
    }
  }

  @Test
  void aRegisteredProbeWithABadNameIsRefusedWithTheApiMessage() {
    String expected = catchThrowable(() -> Names.check("orders.api")).getMessage();
    assertThatThrownBy(() -> MonitorTestSupport.manual(clock).probe(named("orders.api")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
  }

  @Test
  void aConfiguredProbeWithABadNameIsAProblemGivingTheRule() {
    assertThatThrownBy(() -> MonitorTestSupport.manual(clock)
            .config(Map.of("vitals.probes.-db.type", "echo", "vitals.probes.-db.message", "hi")).build())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems())
            .contains("vitals.probes.-db: probe name '-db' is not allowed: expected " + Names.RULE));
  }

  @Test
  void aTrackerWithABadNameIsRefusedWithTheApiMessage() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).build().start()) {
      String expected = catchThrowable(() -> Names.check("checkout.v2", "tracker")).getMessage();
      assertThatThrownBy(() -> m.tracker("checkout.v2")).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(expected);
    }
  }
}
