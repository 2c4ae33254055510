package dev.vitals.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code describe()} shows of a JDBC URL: no user, no password, the rest as written. */
class JdbcUrlsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jdbc:postgresql://db:5432/app | jdbc:postgresql://db:5432/app",
      "jdbc:postgresql://app:s3cret@db:5432/app | jdbc:postgresql://db:5432/app",
      "jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true | jdbc:postgresql://db:5432/app?ssl=true",
      "jdbc:postgresql://db:5432/app?ssl=true&password=s3cret | jdbc:postgresql://db:5432/app?ssl=true",
      "jdbc:postgresql://db1:5432,db2:5432/app?targetServerType=primary | jdbc:postgresql://db1:5432,db2:5432/app?targetServerType=primary",
      "jdbc:mysql://app:s3cret@db:3306/app?useSSL=true | jdbc:mysql://db:3306/app?useSSL=true",
      "jdbc:mariadb://db/app?user=app&sslPassword=k | jdbc:mariadb://db/app",
      "jdbc:h2:file:/var/lib/app/h2;USER=sa;PASSWORD=s3cret;MODE=PostgreSQL | jdbc:h2:file:/var/lib/app/h2;MODE=PostgreSQL",
      "jdbc:sqlserver://db;user=app;password={se;cret};databaseName=app | jdbc:sqlserver://db;databaseName=app",
      "jdbc:oracle:thin:app/s3cret@db:1521/svc | jdbc:oracle:thin:@db:1521/svc",
  })
  void removesUsersAndPasswords(String url, String shown) {
    assertThat(JdbcUrls.withoutCredentials(url)).isEqualTo(shown);
  }
}
