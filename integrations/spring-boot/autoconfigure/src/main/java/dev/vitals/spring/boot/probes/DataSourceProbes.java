package dev.vitals.spring.boot.probes;

import dev.vitals.api.Probe;
import dev.vitals.probes.jdbc.JdbcProbe;
import java.time.Duration;
import javax.sql.DataSource;

/** Builds the {@code jdbc} probe over a DataSource bean; the only class here that names probes-jdbc. */
final class DataSourceProbes {

  private DataSourceProbes() {}

  /**
   * Vitals' JDBC probe over the pool: it borrows one connection per run (never joining a queue of
   * waiting threads) and validates it with {@code Connection.isValid}.
   *
   * @param name the probe's name
   * @param dataSource the bean, a {@link DataSource}
   * @param timeout the probe's timeout, from which the probe derives its client limit
   * @return the probe
   */
  static Probe create(String name, Object dataSource, Duration timeout) {
    return JdbcProbe.builder(name).dataSource((DataSource) dataSource).timeout(timeout).build();
  }
}
