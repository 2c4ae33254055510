package dev.vitals.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.ProbeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamesTest {

  static final String DOTTED_MESSAGE = "probe name 'orders.api' is not allowed: expected 1 to 63 letters, digits,"
      + " '_' or '-', starting with a letter or digit";

  @Test
  void theRuleAllowsLettersDigitsUnderscoreAndDashUpTo63StartingWithALetterOrDigit() {
    assertThat(Names.isValid("a")).isTrue();
    assertThat(Names.isValid("9")).isTrue();
    assertThat(Names.isValid("Orders-API_2")).isTrue();
    assertThat(Names.isValid("a" + "b".repeat(62))).as("63 characters").isTrue();
    assertThat(Names.isValid("a" + "b".repeat(63))).as("64 characters").isFalse();
    assertThat(Names.isValid(null)).isFalse();
    assertThat(Names.isValid("")).isFalse();
    assertThat(Names.isValid("-a")).isFalse();
    assertThat(Names.isValid("_a")).isFalse();
    assertThat(Names.isValid("orders.api")).as("a dot separates configuration keys").isFalse();
    assertThat(Names.isValid("a b")).isFalse();
    assertThat(Names.isValid("a/b")).isFalse();
    assertThat(Names.isValid("caf\u00e9")).isFalse();
    assertThat(Names.RULE).isEqualTo("1 to 63 letters, digits, '_' or '-', starting with a letter or digit");
    assertThat(Names.MAX_LENGTH).isEqualTo(63);
  }

  @Test
  void checkNamesTheKindTheNameAndTheRule() {
    assertThat(Names.check("orders-api")).isEqualTo("orders-api");
    assertThatThrownBy(() -> Names.check("orders.api")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(DOTTED_MESSAGE);
    assertThatThrownBy(() -> Names.check("a b", "tracker")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tracker name 'a b' is not allowed: expected " + Names.RULE);
    assertThatThrownBy(() -> Names.check(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
  }

  @Test
  void aVeryLongNameIsShortenedInTheMessage() {
    String name = "x".repeat(10_000);
    assertThatThrownBy(() -> Names.check(name)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probe name '" + "x".repeat(80) + "...' (10000 characters) is not allowed: expected " + Names.RULE);
  }

  @Test
  void probeOfRefusesABadNameAtOnce() {
    Probe.Check check = ProbeResult::up;
    assertThatThrownBy(() -> Probe.of("orders.api", check)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(DOTTED_MESSAGE);
    assertThatThrownBy(() -> Probe.of("orders.api", "ping", check)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(DOTTED_MESSAGE);
    assertThatThrownBy(() -> Probe.of("a".repeat(64), check)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is not allowed: expected " + Names.RULE);
    assertThatThrownBy(() -> Probe.of(null, check)).isInstanceOf(NullPointerException.class);
    assertThat(Probe.of("orders-api", check).name()).isEqualTo("orders-api");
  }

  @Test
  void aProbeConfigRefusesABadName() {
    assertThatThrownBy(() -> ProbeConfig.of("orders.api", Map.of("type", "tcp")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(DOTTED_MESSAGE);
    assertThat(ProbeConfig.of("orders-api", Map.of("type", "tcp")).name()).isEqualTo("orders-api");
  }
}
