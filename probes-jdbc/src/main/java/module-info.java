/**
 * The JDBC probe for Vitals: type {@code jdbc}, built from a {@link javax.sql.DataSource} the
 * service already has or from a JDBC URL. Driver jars are the user's; HikariCP is optional and
 * only read when the DataSource is a {@code HikariDataSource}.
 */
module dev.vitals.probes.jdbc {
  requires transitive dev.vitals.api;
  requires transitive java.sql;
  requires static com.zaxxer.hikari;

  exports dev.vitals.probes.jdbc;

  provides dev.vitals.api.spi.ProbeFactory with dev.vitals.probes.jdbc.JdbcProbeFactory;
}
