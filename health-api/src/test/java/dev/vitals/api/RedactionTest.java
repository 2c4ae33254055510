package dev.vitals.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      // the names of the big providers' APIs and signed URLs
      "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "X-Goog-Signature", "X-Goog-Credential",
      "sig", "access_token", "id_token", "refresh_token", "private_token", "api_key", "apikey", "api-key",
      "client_secret", "password", "passwd", "pwd", "secret", "token", "auth", "key", "signature", "session",
      "routing_key", "routing-key", "X-Api-Key", "Authorization", "AWSAccessKeyId", "subscription-key",
      "sessionid", "basic_auth", "db.password", "trust-store-password", "JWT", "Cookie"})
  void aSecretParameterIsMaskedInAUrlQuery(String name) {
    String url = "https://storage.example.com/bucket/object?alpha=1&" + name + "=S3CR3Tvalue42&omega=2";

    assertThat(Redaction.redact(url))
        .isEqualTo("https://storage.example.com/bucket/object?alpha=1&" + name + "=****&omega=2")
        .doesNotContain("S3CR3Tvalue42");
    assertThat(Redaction.isSecretName(name)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"url", "host", "port", "user", "username", "name", "status", "code", "monkey",
      "keys", "page", "tokens", "sort", "sort_key", "region", "X-Amz-Date", "X-Amz-Expires", "sv", "se", "sp", "author"})
  void anOrdinaryParameterIsShown(String name) {
    String text = "https://example.com/x?" + name + "=visible";

    assertThat(Redaction.redact(text)).isEqualTo(text);
    assertThat(Redaction.isSecretName(name)).isFalse();
  }

  @Test
  void aPresignedS3UrlKeepsItsShapeAndLosesItsCredentials() {
    String url = "https://b.s3.amazonaws.com/k.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261127%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20261127T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
        + "&X-Amz-Security-Token=FQoGZXIvYXdzEJr&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027";

    assertThat(Redaction.redact(url)).isEqualTo("https://b.s3.amazonaws.com/k.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=****&X-Amz-Date=20261127T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
        + "&X-Amz-Security-Token=****&X-Amz-Signature=****");
  }

  @Test
  void anAzureSasKeepsItsPermissionsAndLosesItsSignature() {
    assertThat(Redaction.redact("https://a.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&se=2026-12-01&sig=abc%2Bdef%3D"))
        .isEqualTo("https://a.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&se=2026-12-01&sig=****");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "private_token=glpat-123456 next|private_token=**** next",
      "client_secret: abcdef, more|client_secret: ****, more",
      "{\"refresh_token\":\"r-123\",\"n\":1}|{\"refresh_token\":\"****\",\"n\":1}",
      "{\"password\": \"p\\\"w\", \"user\": \"me\"}|{\"password\": \"****\", \"user\": \"me\"}",
      "X-Api-Key: k-123456|X-Api-Key: ****",
      "'token'='tok'|'token'='****'",
      "Authorization: Bearer eyJhbGciOi.x.y|Authorization: Bearer ****",
      "Authorization: Basic dXNlcjpwYXNz|Authorization: Basic ****",
      "jdbc:sqlserver://h;user=sa;password=pw;db=x|jdbc:sqlserver://h;user=sa;password=****;db=x",
      "Key (id)=(5) already exists|Key (id)=(5) already exists",
      "GET https://h:8443/x timed out|GET https://h:8443/x timed out"})
  void textFormsAreCovered(String text, String expected) {
    assertThat(Redaction.redact(text)).isEqualTo(expected);
  }

  @Test
  void redactingTwiceChangesNothingMore() {
    String once = Redaction.redact("a?token=abc&sig=def https://u:p@h/ Bearer abcdef");

    assertThat(Redaction.redact(once)).isEqualTo(once).isEqualTo("a?token=****&sig=**** https://u:****@h/ Bearer ****");
  }

  @Test
  void aTextWithoutSecretsIsReturnedAsItIs() {
    String text = "HTTP 503 from GET http://127.0.0.1:8080/health; expected 200-299";

    assertThat(Redaction.redact(text)).isSameAs(text);
  }
}
