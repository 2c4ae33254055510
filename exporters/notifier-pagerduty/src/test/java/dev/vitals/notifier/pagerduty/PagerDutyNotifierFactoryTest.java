package dev.vitals.notifier.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configuration: what is required, what is refused, and the exact messages, naming the key but never
 * the routing key. Declared keys, the default routing and every problem at once are checked by the kit
 * ({@link PagerDutyNotifierCompatibilityTest}).
 */
class PagerDutyNotifierFactoryTest {

  static final String KEY = PagerDutyEventTest.KEY;

  private static Notifier create(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "pagerduty");
    return new PagerDutyNotifierFactory().create(NotifierConfig.of("oncall", all));
  }

  @Test
  void missingRoutingKeyNamesTheKey() {
    assertThatThrownBy(() -> create(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessage("vitals.notifiers.oncall.routing-key is missing: expected the 32-character integration key of an "
            + "Events API v2 integration (letters and digits)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"R0UT1NGKEY0123456789abcdefABCDE", "R0UT1NGKEY0123456789abcdefABCDEF0",
      "R0UT1NGKEY0123456789abcdef-BCDEF"})
  void malformedRoutingKeyIsRefusedWithoutBeingShown(String key) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> create(Map.of("routing-key", key)));
    assertThat(e).hasMessageStartingWith("vitals.notifiers.oncall.routing-key = '****' is not allowed: expected the "
        + "32-character integration key");
    assertThat(e.getMessage()).doesNotContain(key.substring(0, 12));
  }

  @Test
  void theUrlDefaultsToPagerDutysEventsEndpoint() {
    assertThat(create(Map.of("routing-key", KEY)))
        .hasToString("PagerDutyNotifier[oncall, https://events.pagerduty.com/****, routing-key ****]");
    assertThat(PagerDutyNotifierFactory.DEFAULT_URL).isEqualTo("https://events.pagerduty.com/v2/enqueue");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://events.pagerduty.com/v2/enqueue", "ftp://events.pagerduty.com/v2/enqueue",
      "events.pagerduty.com/v2/enqueue", "https://user:pw@events.pagerduty.com/v2/enqueue"})
  void badUrlIsRefusedNamingTheKey(String url) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> create(Map.of("routing-key", KEY, "url", url)));
    assertThat(e).hasMessageStartingWith("vitals.notifiers.oncall.url = '")
        .hasMessageContaining("is not allowed: expected an https:// URL with a host and without user-info, such as "
            + "https://events.pagerduty.com/v2/enqueue (http:// only to 127.0.0.1 or localhost, for tests)");
    assertThat(e.getMessage()).doesNotContain(":pw@");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "soon", "90s"})
  void badTimeoutNamesTheKey(String timeout) {
    assertThatThrownBy(() -> create(Map.of("routing-key", KEY, "timeout", timeout)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("vitals.notifiers.oncall.timeout = '" + timeout + "' is not allowed: expected a positive");
  }

  @Test
  void badSeverityNamesTheKeyAndTheChoices() {
    assertThatThrownBy(() -> create(Map.of("routing-key", KEY, "severity-warning", "low")))
        .hasMessage("vitals.notifiers.oncall.severity-warning = 'low' is not allowed: expected one of critical, error, "
            + "warning, info");
  }

  @Test
  void toStringNeverShowsTheRoutingKey() {
    Notifier n = create(Map.of("routing-key", KEY, "url", "http://127.0.0.1:9/v2/enqueue"));
    assertThat(n.toString()).doesNotContain(KEY).isEqualTo("PagerDutyNotifier[oncall, http://127.0.0.1:9/****, routing-key ****]");
  }

}
