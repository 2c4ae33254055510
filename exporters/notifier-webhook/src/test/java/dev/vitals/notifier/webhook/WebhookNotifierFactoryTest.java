package dev.vitals.notifier.webhook;

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
 * Configuration: what is required, what is refused, and the exact messages, naming the key but never a
 * secret. Declared keys, the default routing and every problem at once are checked by the kit
 * ({@link WebhookNotifierCompatibilityTest}).
 */
class WebhookNotifierFactoryTest {

  static final String TOKEN = "tok3n-5ecret-value-42";
  static final String URL = "https://hooks.example.com/alerts/k3y-in-the-path-77";

  private static Notifier create(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "webhook");
    return new WebhookNotifierFactory().create(NotifierConfig.of("audit", all));
  }

  @Test
  void missingUrlNamesTheKey() {
    assertThatThrownBy(() -> create(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessage("vitals.notifiers.audit.url is missing: expected an absolute http:// or https:// URL with a host "
            + "and without user-info (send credentials with headers.Authorization)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://hooks.example.com/alerts/k3y-in-the-path-77", "file:///alerts/k3y-in-the-path-77",
      "/alerts/k3y-in-the-path-77", "https://bob:k3y-in-the-path-77@hooks.example.com/alerts",
      "https://hooks example/k3y-in-the-path-77"})
  void badUrlIsRefusedNamingTheKeyWithoutShowingItsPath(String url) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> create(Map.of("url", url)));
    assertThat(e).hasMessageStartingWith("vitals.notifiers.audit.url = '")
        .hasMessageContaining("is not allowed: expected an absolute http:// or https:// URL");
    assertThat(e.getMessage()).doesNotContain("k3y-in-the-path-77");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://alerts.internal:8080/in", URL})
  void httpAndHttpsToAnyHostAreAllowed(String url) {
    assertThat(create(Map.of("url", url)).name()).isEqualTo("audit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Content-Type", "content-type", "Host", "Connection", "X-Vitals-Signature", "User-Agent",
      "Bad Name", "X-Ok"})
  void headersTheNotifierOwnsOrTheClientRefusesAreRefusedWithoutShowingTheValue(String name) {
    String value = name.equals("X-Ok") ? "two\nlines " + TOKEN : "Bearer " + TOKEN;
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> create(Map.of("url", URL, "headers." + name, value)));
    assertThat(e).hasMessage("vitals.notifiers.audit.headers." + name + " = '****' is not allowed: expected "
        + WebhookNotifierFactory.HEADER_FORM);
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void aBareHeadersKeyAndTheSameHeaderTwiceAreRefused() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> create(Map.of("url", URL,
        "headers", TOKEN, "headers.X-Token", "a" + TOKEN, "headers.x-token", "b" + TOKEN)));
    assertThat(e.problems()).hasSize(2)
        .anySatisfy(p -> assertThat(p).isEqualTo("vitals.notifiers.audit.headers = '****' is not allowed: expected one "
            + "key per header, such as vitals.notifiers.audit.headers.Authorization"))
        .anySatisfy(p -> assertThat(p).contains("is not allowed: expected one value per header;"));
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void aShortSecretIsRefusedWithoutBeingShown() {
    assertThatThrownBy(() -> create(Map.of("url", URL, "secret", "sh0rt-s3cret")))
        .hasMessage("vitals.notifiers.audit.secret = '****' is not allowed: expected a secret of at least 16 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0ms", "later", "5m"})
  void badTimeoutNamesTheKey(String timeout) {
    assertThatThrownBy(() -> create(Map.of("url", URL, "timeout", timeout))).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("vitals.notifiers.audit.timeout = '" + timeout + "' is not allowed: expected a positive");
  }

  @Test
  void toStringShowsHeaderNamesButNoValueSecretOrPath() {
    Notifier n = create(Map.of("url", URL, "headers.Authorization", "Bearer " + TOKEN, "secret", "s" + TOKEN));
    assertThat(n).hasToString("WebhookNotifier[audit, https://hooks.example.com/****, headers [Authorization], signed]");
  }

}
