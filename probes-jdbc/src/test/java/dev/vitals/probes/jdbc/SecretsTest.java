package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Passwords in every form a JDBC URL carries them are masked. */
class SecretsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "jdbc:mysql://probe:s3cr%40t@db:3306/app | jdbc:mysql://probe:****@db:3306/app",
      "jdbc:mariadb://probe:pw@db1,probe:pw@db2/app | jdbc:mariadb://probe:****@db1,probe:****@db2/app",
      "jdbc:oracle:thin:scott/tiger@//db:1521/XE | jdbc:oracle:thin:scott/****@//db:1521/XE",
      "jdbc:oracle:thin:scott/tiger@db:1521:XE | jdbc:oracle:thin:scott/****@db:1521:XE",
      "jdbc:postgresql://db/app?user=a&password=p%26w&ssl=true | jdbc:postgresql://db/app?user=a&password=****&ssl=true",
      "jdbc:postgresql://db/app?sslpassword=k&user=a | jdbc:postgresql://db/app?sslpassword=****&user=a",
      "jdbc:sqlserver://db;user=a;password={pa;ss};encrypt=true | jdbc:sqlserver://db;user=a;password=****;encrypt=true",
      "jdbc:h2:tcp://db/~/x;USER=sa;PASSWORD=pw | jdbc:h2:tcp://db/~/x;USER=sa;PASSWORD=****",
      "jdbc:db2://db:50000/x:user=a;password=pw; | jdbc:db2://db:50000/x:user=a;password=****;",
      "jdbc:mysql://db/x?trustCertificateKeyStorePassword=t&a=b | jdbc:mysql://db/x?trustCertificateKeyStorePassword=****&a=b",
      "jdbc:postgresql://db:5432/app | jdbc:postgresql://db:5432/app",
      "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1 | jdbc:h2:mem:x;DB_CLOSE_DELAY=-1",
  })
  void redactUrlMasksEveryForm(String url, String expected) {
    assertThat(Secrets.redactUrl(url)).isEqualTo(expected);
  }

  @Test
  void scrubMasksTheKnownSecretsWhereverAndHoweverTheyAppear() {
    Secrets secrets = Secrets.of("jdbc:mysql://probe:s3cr%40t@db/app;password={pa;ss}", "given-Pw",
        Map.of("sslKeyPassword", "key-Pw", "ssl", "true"));

    assertThat(secrets.scrub("auth failed with given-Pw for probe"))
        .isEqualTo("auth failed with **** for probe");
    assertThat(secrets.scrub("bad user-info s3cr@t and s3cr%40t")).isEqualTo("bad user-info **** and ****");
    assertThat(secrets.scrub("value pa;ss rejected")).isEqualTo("value **** rejected");
    assertThat(secrets.scrub("keystore key-Pw unreadable")).isEqualTo("keystore **** unreadable");
    assertThat(secrets.scrub("ssl true")).isEqualTo("ssl true");
  }

  @Test
  void secretNamesIncludeDriverSpecificPasswordProperties() {
    assertThat(Secrets.isSecretName("password")).isTrue();
    assertThat(Secrets.isSecretName("sslpassword")).isTrue();
    assertThat(Secrets.isSecretName("oracle.net.wallet_password")).isTrue();
    assertThat(Secrets.isSecretName("pwd")).isTrue();
    assertThat(Secrets.isSecretName("accessToken")).isTrue();
    assertThat(Secrets.isSecretName("user")).isFalse();
    assertThat(Secrets.isSecretName("sslmode")).isFalse();
  }
}
