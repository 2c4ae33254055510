package dev.vitals.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/** The demo's H2 database, with a function the validation query calls so the demo can slow it down. */
public final class DemoDatabase implements AutoCloseable {

  private static volatile long delayMillis;

  private final String url;
  private final Connection keepAlive;

  DemoDatabase(String name) throws SQLException {
    this.url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    this.keepAlive = DriverManager.getConnection(url, "sa", "");
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE ALIAS IF NOT EXISTS DEMO_DELAY FOR \"dev.vitals.demo.DemoDatabase.delay\"");
      s.execute("CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, item VARCHAR(100))");
    }
  }

  String url() {
    return url;
  }

  static void setDelayMillis(long millis) {
    delayMillis = Math.max(0, Math.min(millis, 60_000));
  }

  static long delayMillis() {
    return delayMillis;
  }

  /**
   * Called by H2 from the demo's validation query: waits the delay the chaos endpoint set.
   *
   * @return 1
   * @throws InterruptedException when the probe's timeout interrupts it
   */
  public static int delay() throws InterruptedException {
    long d = delayMillis;
    if (d > 0) {
      TimeUnit.MILLISECONDS.sleep(d);
    }
    return 1;
  }

  @Override
  public void close() throws SQLException {
    try (Statement s = keepAlive.createStatement()) {
      s.execute("SHUTDOWN");
    } finally {
      keepAlive.close();
    }
  }
}
