package dev.vitals.notifier.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.api.spi.NotifierRouting;
import dev.vitals.test.Threads;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration: what is required, what is refused, and that errors name the key but never the routing key. */
class PagerDutyNotifierFactoryTest {

  static final String KEY = PagerDutyEventTest.KEY;

  private static Notifier create(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "pagerduty");
    return new PagerDutyNotifierFactory().create(NotifierConfig.of("oncall", all));
  }

  @Test
  void typeAndKeys() {
    PagerDutyNotifierFactory f = new PagerDutyNotifierFactory();
    assertThat(f.type()).isEqualTo("pagerduty");
    assertThat(f.keys()).containsExactly("url", "routing-key", "source", "group", "severity-critical",
        "severity-warning", "link-text", "timeout");
  }

  @Test
  void pagerDutyIsForCriticalAlertsOnly() {
    NotifierRouting routing = new PagerDutyNotifierFactory().defaultRouting();

    assertThat(routing.severities()).containsExactly(Alert.Severity.CRITICAL);
    assertThat(routing.rules()).as("every rule").isEmpty();
    assertThat(routing.subjects()).as("every subject").isEmpty();
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
  void everyProblemIsReportedAtOnceAndTheRoutingKeyNeverShows() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> create(Map.of("routing-key", "short-" + KEY,
        "url", "http://example.com/x", "timeout", "0s", "severity-critical", "page", "source", "a\nb")));
    assertThat(e.problems()).hasSize(5);
    assertThat(e.getMessage()).contains("vitals.notifiers.oncall.routing-key", "vitals.notifiers.oncall.url",
        "vitals.notifiers.oncall.timeout", "vitals.notifiers.oncall.severity-critical", "vitals.notifiers.oncall.source")
        .doesNotContain(KEY);
  }

  @Test
  void toStringNeverShowsTheRoutingKey() {
    Notifier n = create(Map.of("routing-key", KEY, "url", "http://127.0.0.1:9/v2/enqueue"));
    assertThat(n.toString()).doesNotContain(KEY).isEqualTo("PagerDutyNotifier[oncall, http://127.0.0.1:9/****, routing-key ****]");
  }

  @Test
  void createStartsNoThread() {
    java.util.Set<Thread> before = Threads.live();
    create(Map.of("routing-key", KEY));
    assertThat(Threads.beyond(before)).isEmpty();
  }
}
