package dev.vitals.spring.boot.web;

import dev.vitals.api.Names;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The web part's settings ({@code vitals.spring.web.*}, {@code vitals.spring.metrics.*},
 * {@code vitals.spring.endpoint.*}), read from the monitor's resolved configuration and checked once:
 * every bad value is reported at once, each with its full key, the value and what is allowed. The keys are
 * declared to the engine by {@link VitalsWebKeys}. Immutable.
 */
final class WebSettings {

  static final String WEB = "vitals.spring.web.";
  static final String METRICS = "vitals.spring.metrics.";
  static final String ENDPOINT = "vitals.spring.endpoint.";

  static final String ENABLED = WEB + "enabled";
  static final String TRACKER = WEB + "tracker";
  static final String CLIENT_ERRORS_FAIL = WEB + "client-errors-fail";
  static final String ROUTES_ENABLED = WEB + "routes.enabled";
  static final String ROUTES_MAX = WEB + "routes.max";
  static final String ROUTES_EXPIRE = WEB + "routes.expire-after";
  static final String METRICS_ENABLED = METRICS + "enabled";
  static final String ENDPOINT_PATH = ENDPOINT + "path";
  static final String STATUS_PATH = ENDPOINT + "status-path";

  static final Set<String> KEYS = Set.of(ENABLED, TRACKER, CLIENT_ERRORS_FAIL, ROUTES_ENABLED, ROUTES_MAX,
      ROUTES_EXPIRE, METRICS_ENABLED, ENDPOINT_PATH, STATUS_PATH);

  static final String DEFAULT_TRACKER = "http";
  static final int DEFAULT_ROUTES_MAX = 100;
  /** Route trackers are engine trackers, of which there are at most 1,000 by default. */
  static final int MAX_ROUTES_MAX = 1000;
  static final Duration DEFAULT_EXPIRE = Duration.ofHours(1);
  static final Duration MIN_EXPIRE = Duration.ofSeconds(1);
  static final String DEFAULT_ENDPOINT_PATH = "vitals";
  static final String DEFAULT_STATUS_PATH = "vitals-status";
  static final String PATH_RULE =
      "a path below the actuator base path: segments of letters, digits, '-', '_' or '.', separated by '/', "
          + "no leading or trailing '/'";

  final boolean enabled;
  final String tracker;
  final boolean clientErrorsFail;
  final boolean routes;
  final int routesMax;
  final Duration expireAfter;
  final boolean metrics;
  final String endpointPath;
  final String statusPath;

  private WebSettings(Config c, List<String> problems) {
    enabled = bool(c, ENABLED, true, problems);
    String t = DEFAULT_TRACKER;
    try {
      t = c.string(TRACKER, DEFAULT_TRACKER);
      // route trackers are named <tracker>-<METHOD>-<route>; leave room for the shortest of them
      if (!Names.isValid(t) || t.length() > Names.MAX_LENGTH - 16) {
        problems.add(ConfigException.describe(TRACKER, t,
            "a tracker name of at most " + (Names.MAX_LENGTH - 16) + " characters: " + Names.RULE));
        t = DEFAULT_TRACKER;
      }
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    tracker = t;
    clientErrorsFail = bool(c, CLIENT_ERRORS_FAIL, false, problems);
    routes = bool(c, ROUTES_ENABLED, false, problems);
    int max = DEFAULT_ROUTES_MAX;
    try {
      max = c.integer(ROUTES_MAX, DEFAULT_ROUTES_MAX, 1, MAX_ROUTES_MAX);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    routesMax = max;
    Duration expire = DEFAULT_EXPIRE;
    try {
      expire = c.duration(ROUTES_EXPIRE, DEFAULT_EXPIRE);
      if (expire.compareTo(MIN_EXPIRE) < 0) {
        problems.add(ConfigException.describe(ROUTES_EXPIRE, c.get(ROUTES_EXPIRE).orElse(""),
            "a duration of at least 1s, such as 1h"));
        expire = DEFAULT_EXPIRE;
      }
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    expireAfter = expire;
    metrics = bool(c, METRICS_ENABLED, true, problems);
    endpointPath = path(c, ENDPOINT_PATH, DEFAULT_ENDPOINT_PATH, problems);
    statusPath = path(c, STATUS_PATH, DEFAULT_STATUS_PATH, problems);
    if (endpointPath.equals(statusPath)) {
      problems.add(ConfigException.describe(STATUS_PATH, statusPath, "a path other than " + ENDPOINT_PATH
          + " (" + endpointPath + ")"));
    }
  }

  /**
   * Reads and checks the settings.
   *
   * @param config the monitor's resolved configuration
   * @return the settings
   * @throws ConfigException listing every bad value
   */
  static WebSettings from(Config config) {
    List<String> problems = new ArrayList<>();
    WebSettings s = new WebSettings(config, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return s;
  }

  private static boolean bool(Config c, String key, boolean dflt, List<String> problems) {
    try {
      return c.bool(key, dflt);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return dflt;
    }
  }

  private static String path(Config c, String key, String dflt, List<String> problems) {
    String p = c.string(key, dflt);
    if (!validPath(p)) {
      problems.add(ConfigException.describe(key, p, PATH_RULE));
      return dflt;
    }
    return p;
  }

  static boolean validPath(String p) {
    if (p.isEmpty() || p.startsWith("/") || p.endsWith("/") || p.contains("//")) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      char ch = p.charAt(i);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-'
          || ch == '_' || ch == '.' || ch == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
