package dev.vitals.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.Config;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

  private static final String KEY = "k3y-0f-the-api-7781";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vitals.probes.api.headers.X-Api-Key", "vitals.probes.api.headers.Authorization",
      "headers.X-Custom", "vitals.probes.db.password", "password", "vitals.probes.web.trust-store-password",
      "vitals.http.token", "vitals.notifiers.hook.secret", "vitals.notifiers.pd.routing-key",
      "vitals.notifiers.slack.url", "vitals.notifiers.hook.url", "vitals.probes.x.api-key",
      "vitals.probes.x.client_secret", "vitals.notifiers.hook.headers.Authorization"})
  void theseKeysHoldSecrets(String key) {
    assertThat(Secrets.isSecretKey(key)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vitals.probes.api.url", "vitals.probes.db.username", "vitals.probes.api.headers.Accept",
      "vitals.probes.api.headers.User-Agent", "headers.Content-Type", "vitals.http.port", "vitals.probes.api.type",
      "vitals.probes.api.body-contains", "vitals.alerts.link", "vitals.notifiers.mail.to", "vitals.probes.db.interval"})
  void theseKeysDoNot(String key) {
    assertThat(Secrets.isSecretKey(key)).isFalse();
  }

  @Test
  void aConfiguredValueIsScrubbedWhereverItAppears() {
    Secrets secrets = Secrets.of(List.of(KEY));

    assertThat(secrets.scrub("echo: {\"X-Api-Key\":\"" + KEY + "\"} and again " + KEY + "!"))
        .isEqualTo("echo: {\"X-Api-Key\":\"****\"} and again ****!");
    assertThat(secrets.scrub(KEY)).isEqualTo("****");
    assertThat(secrets.scrub("prefix" + KEY + "suffix")).isEqualTo("prefix****suffix");
  }

  @Test
  void encodedFormsAreScrubbedToo() {
    String value = "s3cr3t/with \"quotes\"+plus";
    Secrets secrets = Secrets.of(List.of(value));

    assertThat(secrets.scrub("q=s3cr3t%2Fwith+%22quotes%22%2Bplus")).isEqualTo("q=****");
    assertThat(secrets.scrub("q=s3cr3t%2Fwith%20%22quotes%22%2Bplus")).isEqualTo("q=****");
    assertThat(secrets.scrub("{\"v\":\"s3cr3t\\/with \\\"quotes\\\"+plus\"}")).isEqualTo("{\"v\":\"****\"}");
    assertThat(secrets.scrub("{\"v\":\"s3cr3t/with \\\"quotes\\\"+plus\"}")).isEqualTo("{\"v\":\"****\"}");
  }

  @Test
  void theCredentialsOfASchemeValueAreScrubbedAlone() {
    Secrets secrets = Secrets.of(List.of("Bearer tok-998877"));

    assertThat(secrets.scrub("Authorization: Bearer tok-998877")).doesNotContain("tok-998877");
    assertThat(secrets.scrub("unknown token tok-998877 rejected")).isEqualTo("unknown token **** rejected");
  }

  @Test
  void shortValuesAreLeftToTheFormBasedRedaction() {
    Secrets secrets = Secrets.of(Arrays.asList("abc12", null, "", "200"));

    assertThat(secrets.isEmpty()).isTrue();
    assertThat(secrets.scrub("HTTP 200 abc12 password=abc12")).isEqualTo("HTTP 200 abc12 password=****");
  }

  @Test
  void theLongestValueWinsWhereSeveralStartAlike() {
    Secrets secrets = Secrets.of(List.of("abcdef", "abcdefghij"));

    assertThat(secrets.scrub("x abcdefghij y abcdefXY")).isEqualTo("x **** y ****XY");
  }

  @Test
  void aTextWithoutSecretsIsTheSameInstance() {
    Secrets secrets = Secrets.of(List.of(KEY));
    String text = "HTTP 503 from GET http://127.0.0.1/health";

    assertThat(secrets.scrub(text)).isSameAs(text);
    assertThat(secrets.scrub((String) null)).isNull();
    assertThat(secrets.scrub("short")).isEqualTo("short");
  }

  @Test
  void manySecretsAreFoundInOnePass() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add("secret-value-" + i);
    }
    Secrets secrets = Secrets.of(many);

    assertThat(secrets.scrub("a secret-value-9999 b secret-value-0 c secret-value-5000x"))
        .isEqualTo("a **** b **** c ****x");
  }

  @Test
  void aConfigurationGivesTheValuesOfItsSecretKeysAndTheSecretsInsideItsValues() {
    Config config = Config.of(Map.of(
        "vitals.probes.api.headers.X-Api-Key", KEY,
        "vitals.probes.api.headers.Accept", "application/json",
        "vitals.probes.api.url", "https://api.example.com/health?private_token=glpat-abcdef123",
        "vitals.probes.db.url", "jdbc:postgresql://app:db-pa55word@db/app",
        "vitals.http.token", "endpoint-token-42",
        "vitals.notifiers.slack.url", "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "vitals.probes.api.body-contains", "healthy-status"));
    Secrets secrets = Secrets.of(config);

    String text = "echo " + KEY + " application/json glpat-abcdef123 db-pa55word endpoint-token-42 "
        + "XXXXXXXXXXXXXXXXXXXXXXXX healthy-status";
    assertThat(secrets.scrub(text))
        .isEqualTo("echo **** application/json **** **** **** **** healthy-status");
    assertThat(secrets.toString()).doesNotContain(KEY).startsWith("Secrets[");
  }

  @Test
  void aResultLosesTheValuesFromItsMessageErrorAndDetails() {
    Secrets secrets = Secrets.of(List.of(KEY));
    ProbeResult result = ProbeResult.builder(Status.DOWN)
        .message("body starts with '" + KEY + "'")
        .detail("echo", "key " + KEY)
        .detail("statusCode", 200)
        .error(new IllegalStateException("sent " + KEY))
        .build();

    ProbeResult scrubbed = secrets.scrub(result);

    assertThat(scrubbed.message()).contains("body starts with '****'");
    assertThat(scrubbed.error()).contains("java.lang.IllegalStateException: sent ****");
    assertThat(scrubbed.details()).containsEntry("echo", "key ****").containsEntry("statusCode", 200);
    assertThat(scrubbed.toString()).doesNotContain(KEY);
    assertThat(scrubbed.status()).isEqualTo(Status.DOWN);
  }

  @Test
  void aResultWithoutSecretsIsTheSameInstance() {
    ProbeResult result = ProbeResult.builder(Status.UP).message("HTTP 200").detail("url", "http://h/x").build();

    assertThat(Secrets.of(List.of(KEY)).scrub(result)).isSameAs(result);
    assertThat(Secrets.none().scrub(result)).isSameAs(result);
  }

  @Test
  void secretsCombine() {
    Secrets both = Secrets.of(List.of("first-secret")).and(Secrets.of(List.of("second-secret")));

    assertThat(both.scrub("first-secret second-secret")).isEqualTo("**** ****");
    assertThat(Secrets.none().and(both)).isSameAs(both);
  }
}
