package dev.vitals.probes.jdbc;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * The client-side limits the probe gives a driver when it opens a connection from a URL, so that
 * a thread stuck in the driver is released at the probe's client limit even where the engine's
 * interrupt is not heard (a socket read does not answer interrupts).
 *
 * <p>Each driver spells its limits differently; this class knows the common ones. A property the
 * user set is never overridden, and a limit set in the URL wins over one passed as a property in
 * the drivers listed here. For any other driver the probe still bounds the validation itself
 * ({@code Connection.setNetworkTimeout}, {@code isValid(seconds)}, {@code Statement.setQueryTimeout}).
 *
 * <p>Stateless and thread-safe.
 */
final class DriverLimits {

  private DriverLimits() {}

  /**
   * Adds the driver's connect, login and socket limits to connection properties.
   *
   * @param url the JDBC URL
   * @param limit the client limit, positive
   * @param props the properties to complete; keys already present are kept
   */
  static void apply(String url, Duration limit, Properties props) {
    String u = url.toLowerCase(Locale.ROOT);
    long millis = Math.max(1, limit.toMillis());
    String ms = Long.toString(millis);
    String wholeSeconds = Long.toString(ceilSeconds(limit));
    if (u.startsWith("jdbc:postgresql:") || u.startsWith("jdbc:pgsql:")) {
      // loginTimeout takes fractional seconds and bounds the whole connection attempt;
      // connectTimeout and socketTimeout take whole seconds (0 would mean no limit).
      putIfAbsent(props, "loginTimeout", String.format(Locale.ROOT, "%.3f", millis / 1000.0));
      putIfAbsent(props, "connectTimeout", wholeSeconds);
      putIfAbsent(props, "socketTimeout", wholeSeconds);
    } else if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
      putIfAbsent(props, "connectTimeout", ms);
      putIfAbsent(props, "socketTimeout", ms);
    } else if (u.startsWith("jdbc:sqlserver:")) {
      putIfAbsent(props, "loginTimeout", wholeSeconds);
      putIfAbsent(props, "socketTimeout", ms);
    } else if (u.startsWith("jdbc:oracle:")) {
      putIfAbsent(props, "oracle.net.CONNECT_TIMEOUT", ms);
      putIfAbsent(props, "oracle.jdbc.ReadTimeout", ms);
    }
  }

  /**
   * Whole seconds for APIs that take them ({@code isValid}, {@code setQueryTimeout}): the limit
   * rounded down, but at least 1 (0 means no limit there).
   *
   * @param limit a positive duration
   * @return seconds, at least 1
   */
  static int floorSecondsAtLeastOne(Duration limit) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit.getSeconds()));
  }

  private static long ceilSeconds(Duration limit) {
    long s = limit.getSeconds() + (limit.getNano() > 0 ? 1 : 0);
    return Math.max(1, s);
  }

  private static void putIfAbsent(Properties props, String key, String value) {
    if (props.getProperty(key) == null) {
      props.setProperty(key, value);
    }
  }
}
