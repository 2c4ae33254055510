package dev.vitals.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configuration: defaults, what is refused and the exact messages. Registration, declared keys, the
 * default routing, the name and every problem at once are checked by the kit
 * ({@link EmailNotifierCompatibilityTest}).
 */
class EmailNotifierFactoryTest {

  private static Map<String, String> valid() {
    Map<String, String> s = new HashMap<>();
    s.put("type", "email");
    s.put("host", "smtp.example.com");
    s.put("from", "vitals@example.com");
    s.put("to", "ops@example.com");
    return s;
  }

  private static EmailSettings settings(Map<String, String> s) {
    return EmailSettings.of(NotifierConfig.of("ops", s));
  }

  private static ConfigException problem(Map<String, String> s) {
    try {
      new EmailNotifierFactory().create(NotifierConfig.of("ops", s));
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected a ConfigException for " + s);
  }

  @Test
  void defaultsAreSubmissionPortRequiredStartTlsTenSecondsAndTheVitalsPrefix() {
    EmailSettings s = settings(valid());

    assertThat(s.port).isEqualTo(587);
    assertThat(s.ssl).isFalse();
    assertThat(s.startTls).isEqualTo(EmailSettings.StartTls.REQUIRED);
    assertThat(s.timeout).hasSeconds(10);
    assertThat(s.subjectPrefix).isEqualTo("[vitals]");
    assertThat(s.username).isNull();
    assertThat(s.sslSocketFactory).isNull();
  }

  @Test
  void implicitTlsDefaultsToPort465() {
    Map<String, String> m = valid();
    m.put("ssl", "true");

    assertThat(settings(m).port).isEqualTo(465);
  }

  @Test
  void timeoutBoundsConnectReadAndWrite() {
    Map<String, String> m = valid();
    m.put("timeout", "750ms");

    Properties p = EmailNotifier.properties(settings(m));

    assertThat(p).containsEntry("mail.smtp.connectiontimeout", "750").containsEntry("mail.smtp.timeout", "750")
        .containsEntry("mail.smtp.writetimeout", "750");
  }

  @Test
  void requiredStartTlsMakesTheSessionRefuseClearText() {
    Properties p = EmailNotifier.properties(settings(valid()));

    assertThat(p).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
  }

  @Test
  void parsesEveryRecipientWithOrWithoutNames() {
    Map<String, String> m = valid();
    m.put("to", "ops@example.com, \"Doe, Jane\" <jane@example.org>,oncall@example.net");

    assertThat(settings(m).to).extracting(a -> a.getAddress())
        .containsExactly("ops@example.com", "jane@example.org", "oncall@example.net");
  }

  @ParameterizedTest
  @ValueSource(strings = {"host", "from", "to"})
  void missingRequiredKeyIsNamed(String key) {
    Map<String, String> m = valid();
    m.remove(key);

    assertThat(problem(m)).hasMessage("vitals.notifiers.ops." + key + " is missing: expected a value");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "to    | ops@example.com, not an address",
      "to    | ops@example.com, oncall",
      "to    | ops@",
      "from  | vitals",
      "from  | vitals@example.com, other@example.com",
  })
  void badAddressIsNamedWithItsValue(String key, String value) {
    Map<String, String> m = valid();
    m.put(key, value);

    ConfigException e = problem(m);

    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
        .startsWith("vitals.notifiers.ops." + key + " = '")
        .contains("is not allowed: expected")
        .contains("e-mail address"));
  }

  @Test
  void lineBreakInRecipientsCannotInjectHeaders() {
    Map<String, String> m = valid();
    m.put("to", "ops@example.com\r\nBcc: everyone@example.com");

    assertThat(problem(m)).hasMessageStartingWith("vitals.notifiers.ops.to = '")
        .hasMessageContaining("comma-separated list of e-mail addresses");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "-1", "smtp", "25.5"})
  void badPortIsNamed(String port) {
    Map<String, String> m = valid();
    m.put("port", port);

    assertThat(problem(m)).hasMessage(
        "vitals.notifiers.ops.port = '" + port + "' is not allowed: expected an integer from 1 to 65535");
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "true", "tls", "always"})
  void badStartTlsIsNamed(String value) {
    Map<String, String> m = valid();
    m.put("starttls", value);

    assertThat(problem(m)).hasMessage(
        "vitals.notifiers.ops.starttls = '" + value + "' is not allowed: expected required, optional or none");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Required", "OPTIONAL", "none"})
  void startTlsAcceptsEveryModeInAnyCase(String value) {
    Map<String, String> m = valid();
    m.put("starttls", value);

    assertThat(settings(m).startTls.id()).isEqualTo(value.toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void clearTextStartTlsContradictsImplicitTls() {
    Map<String, String> m = valid();
    m.put("ssl", "true");
    m.put("starttls", "none");

    assertThat(problem(m)).hasMessageStartingWith("vitals.notifiers.ops.starttls = 'none' is not allowed")
        .hasMessageContaining("ssl=true");
  }

  @ParameterizedTest
  @ValueSource(strings = {"smtp://smtp.example.com", "smtp.example.com:587", "smtp example.com", "-bad.example"})
  void badHostIsNamed(String host) {
    Map<String, String> m = valid();
    m.put("host", host);

    assertThat(problem(m)).hasMessageStartingWith("vitals.notifiers.ops.host = '" + host + "' is not allowed")
        .hasMessageContaining("host name or IP address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1", "[::1]", "mail-1.example.co.uk", "localhost"})
  void hostNamesAndAddressesAreAccepted(String host) {
    Map<String, String> m = valid();
    m.put("host", host);

    assertThat(settings(m).host).isEqualTo(host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "500us", "2h", "ten seconds", "10"})
  void badTimeoutIsNamed(String timeout) {
    Map<String, String> m = valid();
    m.put("timeout", timeout);

    assertThat(problem(m)).hasMessageStartingWith("vitals.notifiers.ops.timeout = '" + timeout + "' is not allowed")
        .hasMessageContaining("from 1ms to 1h");
  }

  @Test
  void passwordWithoutUsernameNamesTheUsernameAndHidesThePassword() {
    Map<String, String> m = valid();
    m.put("password", "s3cr3t-Pa55w0rd");

    ConfigException e = problem(m);

    assertThat(e).hasMessage("vitals.notifiers.ops.username is missing: expected a value when password is set");
    assertThat(e.getMessage()).doesNotContain("s3cr3t");
  }

  @Test
  void usernameWithoutPasswordNamesThePassword() {
    Map<String, String> m = valid();
    m.put("username", "alerts");

    assertThat(problem(m)).hasMessageStartingWith("vitals.notifiers.ops.password is missing");
  }

  @Test
  void settingsNeverShowThePassword() {
    Map<String, String> m = valid();
    m.put("username", "alerts");
    m.put("password", "s3cr3t-Pa55w0rd");

    try (Notifier n = new EmailNotifierFactory().create(NotifierConfig.of("ops", m))) {
      assertThat(n.toString()).contains("alerts").doesNotContain("s3cr3t");
    }
  }

  @Test
  void badSslValueIsNamed() {
    Map<String, String> m = valid();
    m.put("ssl", "yes");

    assertThat(problem(m)).hasMessage("vitals.notifiers.ops.ssl = 'yes' is not allowed: expected true or false");
  }

  @Test
  void subjectPrefixMustBeOneLine() {
    Map<String, String> m = valid();
    m.put("subject-prefix", "[vitals]\nBcc: x@example.com");

    assertThat(problem(m)).hasMessageStartingWith("vitals.notifiers.ops.subject-prefix = ");
  }

  @Test
  void caFileMustExist(@TempDir Path dir) {
    Map<String, String> m = valid();
    m.put("ca-file", dir.resolve("missing.pem").toString());

    assertThat(problem(m)).hasMessageStartingWith("vitals.notifiers.ops.ca-file = '")
        .hasMessageContaining("readable PEM file of X.509 certificates");
  }

  @Test
  void caFileMustHoldCertificates(@TempDir Path dir) throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    Map<String, String> m = valid();
    m.put("ca-file", notPem.toString());

    assertThat(problem(m)).hasMessageStartingWith("vitals.notifiers.ops.ca-file = '")
        .hasMessageContaining("readable PEM file of X.509 certificates");
  }

  @Test
  void caFileWithACertificateGivesItsOwnTrust() {
    Map<String, String> m = valid();
    m.put("ca-file", TestCertificates.LOOPBACK.pem.toString());

    assertThat(settings(m).sslSocketFactory).isNotNull();
  }
}
