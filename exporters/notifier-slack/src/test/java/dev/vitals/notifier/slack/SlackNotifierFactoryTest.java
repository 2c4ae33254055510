package dev.vitals.notifier.slack;

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
 * the token. Declared keys, the default routing and every problem at once are checked by the kit
 * ({@link SlackNotifierCompatibilityTest}).
 */
class SlackNotifierFactoryTest {

  static final String TOKEN = "XyZsecretTokenAbc123456789";
  static final String URL = "https://hooks.slack.com/services/T0001/B0002/" + TOKEN;

  private static Notifier create(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "slack");
    return new SlackNotifierFactory().create(NotifierConfig.of("ops", all));
  }

  @Test
  void missingUrlNamesTheKey() {
    assertThatThrownBy(() -> create(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("vitals.notifiers.ops.url is missing: expected an https:// URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://hooks.slack.com/services/T0001/B0002/" + TOKEN,
      "ftp://hooks.slack.com/services/T0001/B0002/" + TOKEN,
      "file:///services/T0001/B0002/" + TOKEN,
      "hooks.slack.com/services/T0001/B0002/" + TOKEN,
      "https://user:" + TOKEN + "@hooks.slack.com/services",
      "https://hooks slack com/" + TOKEN})
  void badUrlIsRefusedNamingTheKeyWithoutShowingTheToken(String url) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> create(Map.of("url", url)));
    assertThat(e).hasMessageStartingWith("vitals.notifiers.ops.url = '")
        .hasMessageContaining("is not allowed: expected an https:// URL")
        .hasMessageContaining("http:// only to 127.0.0.1 or localhost");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void badSchemeShowsNoPartOfTheUrl() {
    assertThatThrownBy(() -> create(Map.of("url", "http://hooks.slack.com/services/T0001/B0002/" + TOKEN)))
        .hasMessageStartingWith("vitals.notifiers.ops.url = '****' is not allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]:9/x", URL})
  void httpsAnywhereAndHttpToThisMachineAreAllowed(String url) {
    assertThat(create(Map.of("url", url)).name()).isEqualTo("ops");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "five", "-1s", "2m"})
  void badTimeoutNamesTheKey(String timeout) {
    assertThatThrownBy(() -> create(Map.of("url", URL, "timeout", timeout))).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("vitals.notifiers.ops.timeout = '" + timeout + "' is not allowed: expected a positive "
            + "duration");
  }

  @Test
  void badIconAndMultiLineTextsAreRefused() {
    assertThatThrownBy(() -> create(Map.of("url", URL, "icon-emoji", "bell")))
        .hasMessage("vitals.notifiers.ops.icon-emoji = 'bell' is not allowed: expected an emoji code such as :bell:");
    assertThatThrownBy(() -> create(Map.of("url", URL, "username", "a\nb")))
        .hasMessageStartingWith("vitals.notifiers.ops.username = ")
        .hasMessageEndingWith("is not allowed: expected a single line of at most 80 characters");
  }

  @Test
  void toStringShowsNameAndHostButNotTheToken() {
    Notifier n = create(Map.of("url", URL));
    assertThat(n).hasToString("SlackNotifier[ops, https://hooks.slack.com/****]");
  }

}
