package dev.vitals.notifier.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.notifier.http.internal.Endpoint.PlainHttp;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

  static final String FORM = "a URL as the test allows";

  /**
   * Settings with the URL under {@code endpoint}: a key that {@link ConfigException} does not mask
   * whole (it masks every {@code vitals.notifiers.*.url}), so the tests see what the endpoint shows.
   */
  static NotifierConfig config(String url) {
    Map<String, String> m = new HashMap<>();
    m.put("type", "test");
    if (url != null) {
      m.put("endpoint", url);
    }
    return NotifierConfig.of("ops", m);
  }

  static Endpoint parse(String url, PlainHttp plainHttp) {
    return Endpoint.parse(config(url), "endpoint", plainHttp, FORM);
  }

  @Test
  void anHttpsUrlIsAcceptedAndShownOnlyByItsOrigin() {
    Endpoint e = parse("https://Hooks.Example.com:8443/services/T0/B0/s3cret?x=1", PlainHttp.LOOPBACK_ONLY);

    assertThat(e.uri()).isEqualTo(URI.create("https://Hooks.Example.com:8443/services/T0/B0/s3cret?x=1"));
    assertThat(e.origin()).isEqualTo("https://Hooks.Example.com:8443");
    assertThat(e.masked()).isEqualTo("https://Hooks.Example.com:8443/****");
    assertThat(e).hasToString("Endpoint[https://Hooks.Example.com:8443/****]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://LOCALHOST:1/x",
      "http://[::1]:9000/hook"})
  void plainHttpToThisMachineIsAcceptedUnderLoopbackOnly(String url) {
    assertThat(parse(url, PlainHttp.LOOPBACK_ONLY).uri()).isEqualTo(URI.create(url));
  }

  @Test
  void plainHttpToAnotherHostIsRefusedUnderLoopbackOnlyButAcceptedUnderAnyHost() {
    assertThatThrownBy(() -> parse("http://hooks.example.com/t0ken", PlainHttp.LOOPBACK_ONLY))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vitals.notifiers.ops.endpoint = 'http://hooks.example.com/****' is not allowed: expected " + FORM);

    assertThat(parse("http://hooks.example.com/t0ken", PlainHttp.ANY_HOST).masked())
        .isEqualTo("http://hooks.example.com/****");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/relative/s3cret             | ****",
      "ftp://files.example.com/s3cret | ftp://files.example.com/****",
      "https://user:pw@example.com/s3cret | ****",
      "https:///s3cret               | ****",
      "not a url at all s3cret       | ****",
      "mailto:ops@example.com        | ****",
      "https://exa mple.com/s3cret   | ****"})
  void whatIsNotAnAbsoluteHttpUrlWithAHostIsRefusedShowingOnlyTheOrigin(String url, String shown) {
    for (PlainHttp p : PlainHttp.values()) {
      assertThatThrownBy(() -> parse(url, p)).isInstanceOf(ConfigException.class)
          .hasMessage("vitals.notifiers.ops.endpoint = '" + shown + "' is not allowed: expected " + FORM)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret", "pw"));
    }
  }

  @Test
  void underANotifiersUrlKeyNothingOfARefusedValueIsShown() {
    NotifierConfig config = NotifierConfig.of("ops", Map.of("type", "test", "url", "http://hooks.example.com/t0ken"));

    assertThatThrownBy(() -> Endpoint.parse(config, "url", PlainHttp.LOOPBACK_ONLY, FORM))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vitals.notifiers.ops.url = '****' is not allowed: expected " + FORM);
  }

  @Test
  void aMissingRequiredUrlIsNamed() {
    assertThatThrownBy(() -> parse(null, PlainHttp.ANY_HOST)).isInstanceOf(ConfigException.class)
        .hasMessage("vitals.notifiers.ops.endpoint is missing: expected " + FORM);
  }

  @Test
  void theDefaultIsUsedWhenTheKeyIsUnsetAndIsCheckedToo() {
    String def = "https://events.example.com/v2/enqueue";
    assertThat(Endpoint.parseOrDefault(config(null), "endpoint", def, PlainHttp.LOOPBACK_ONLY, FORM).uri())
        .isEqualTo(URI.create(def));
    assertThat(Endpoint.parseOrDefault(config("http://127.0.0.1:9/x"), "endpoint", def, PlainHttp.LOOPBACK_ONLY, FORM)
        .uri()).isEqualTo(URI.create("http://127.0.0.1:9/x"));
    assertThatThrownBy(() -> Endpoint.parseOrDefault(config(null), "endpoint", "http://events.example.com/v2",
        PlainHttp.LOOPBACK_ONLY, FORM)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("vitals.notifiers.ops.endpoint = 'http://events.example.com/****' is not allowed");
  }

  @Test
  void aFragmentIsDropped() {
    Endpoint e = parse("https://example.com/in/t0ken?q=1#frag", PlainHttp.ANY_HOST);

    assertThat(e.uri()).isEqualTo(URI.create("https://example.com/in/t0ken?q=1"));
    assertThat(e.secrets()).noneMatch(s -> s.contains("#"));
  }

  @Test
  void theSecretsAreTheUrlItsPathQueryEachSegmentAndEachQueryValue() {
    Endpoint e = parse("https://example.com/services/T0%2F1/s3cret?sig=abc&key=k%2By", PlainHttp.ANY_HOST);

    assertThat(e.secrets()).containsExactly("https://example.com/services/T0%2F1/s3cret?sig=abc&key=k%2By",
        "/services/T0%2F1/s3cret", "/services/T0/1/s3cret", "sig=abc&key=k%2By", "services", "T0%2F1", "s3cret",
        "abc", "k%2By", "k+y");
    assertThatThrownBy(() -> e.secrets().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://example.com          | https://example.com",
      "https://example.com/         | https://example.com",
      "https://example.com:8443     | https://example.com:8443",
      "https://example.com:8443/    | https://example.com:8443",
      "https://example.com/x        | https://example.com/****",
      "https://example.com?q=1      | https://example.com/****",
      "HTTPS://example.com/x        | https://example.com/****"})
  void maskedShowsSchemeHostAndPortAndWhetherThereIsMore(String url, String masked) {
    assertThat(parse(url, PlainHttp.ANY_HOST).masked()).isEqualTo(masked);
  }
}
