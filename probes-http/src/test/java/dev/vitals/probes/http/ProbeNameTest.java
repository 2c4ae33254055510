package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vitals.api.Names;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The http and tcp builders refuse a bad name with the rule and the message of the API. */
class ProbeNameTest {

  @Test
  void aDottedNameIsRefusedAtOnceWithTheRule() {
    String expected = "probe name 'orders.api' is not allowed: expected 1 to 63 letters, digits, '_' or '-',"
        + " starting with a letter or digit";
    assertThatThrownBy(() -> HttpProbe.builder("orders.api")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(expected);
    assertThatThrownBy(() -> TcpProbe.builder("orders.api")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(expected);
  }

  @Test
  void everyNameTheApiRefusesIsRefusedWithTheSameMessage() {
    for (String bad : List.of("a b", "-api", "_api", "api/v1", "caf\u00e9", "a".repeat(64), "")) {
      String expected = catchThrowable(() -> Names.check(bad)).getMessage();
      assertThatThrownBy(() -> HttpProbe.builder(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(expected);
      assertThatThrownBy(() -> TcpProbe.builder(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(expected);
    }
    assertThatThrownBy(() -> HttpProbe.builder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TcpProbe.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void everyNameTheApiAllowsIsAllowed() {
    for (String good : List.of("a", "9", "Orders-API_2", "a".repeat(63))) {
      try (HttpProbe probe = HttpProbe.builder(good).url("http://127.0.0.1:1/").build()) {
        assertThat(probe.name()).isEqualTo(good);
      }
      assertThat(TcpProbe.builder(good).url("tcp://127.0.0.1:1").build().name()).isEqualTo(good);
    }
  }
}
