package dev.vitals.probes.redis;

import dev.vitals.api.Redaction;
import dev.vitals.api.spi.ConfigException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A parsed {@code redis://} or {@code rediss://} URI:
 * {@code redis[s]://[[user]:password@]host[:port][/database]}. Immutable.
 *
 * <p>The user-info must contain a colon ({@code :password} or {@code user:password}): clients
 * disagree on what a single word means (a user for some, a password for others), so it is refused
 * rather than guessed, and never echoed. Percent-encoding is decoded in user and password.
 */
final class RedisUri {

  static final String FORM = "redis://[[user]:password@]host[:port][/database] or rediss://... for TLS,"
      + " such as redis://localhost:6379/0 or rediss://:${REDIS_PASSWORD}@cache.internal:6380";

  static final int DEFAULT_PORT = 6379;

  final boolean tls;
  final String host;
  final int port;
  final String user;
  final String password;
  final int database;

  private RedisUri(boolean tls, String host, int port, String user, String password, int database) {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.database = database;
  }

  /**
   * Parses a URI.
   *
   * @param text the URI
   * @param key the key to name in an error ({@code vitals.probes.cache.url}, or {@code uri})
   * @return the parsed URI
   * @throws ConfigException naming the key, the value with its user-info masked, and the form allowed
   */
  static RedisUri parse(String text, String key) {
    if (text == null || text.isBlank()) {
      throw new ConfigException(key, null, FORM);
    }
    String trimmed = text.trim();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw bad(key, trimmed, FORM);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw bad(key, trimmed, FORM + " (the scheme must be redis or rediss)");
    }
    if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
      throw bad(key, trimmed, FORM + " (a host name or address is required)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw bad(key, trimmed, FORM + " (no query or fragment: timeouts and TLS come from the probe's settings)");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    if (port == 0) {
      throw bad(key, trimmed, FORM + " (the port must be from 1 to 65535)");
    }
    String user = null;
    String password = null;
    String rawUserInfo = uri.getRawUserInfo();
    if (rawUserInfo != null) {
      int colon = rawUserInfo.indexOf(':');
      if (colon < 0) {
        throw bad(key, trimmed, FORM + " (put a colon before the password: redis://:password@host"
            + " or redis://user:password@host; a user without password goes in the username setting)");
      }
      user = emptyToNull(decode(rawUserInfo.substring(0, colon)));
      password = emptyToNull(decode(rawUserInfo.substring(colon + 1)));
    }
    int database = 0;
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      String db = path.substring(1);
      try {
        database = Integer.parseInt(db);
      } catch (NumberFormatException e) {
        database = -1;
      }
      if (database < 0 || !db.chars().allMatch(Character::isDigit)) {
        throw bad(key, trimmed, FORM + " (the path is a database number, 0 or more)");
      }
    }
    return new RedisUri(scheme.equals("rediss"), host, port, user, password, database);
  }

  /**
   * A copy with other credentials.
   *
   * @param newUser the user, or null for the default user
   * @param newPassword the password, or null for none
   * @return a new URI
   */
  RedisUri withCredentials(String newUser, String newPassword) {
    return new RedisUri(tls, host, port, newUser, newPassword, database);
  }

  /**
   * Where this URI points, for messages: host and port, never credentials.
   *
   * @return such as {@code 127.0.0.1:6379}
   */
  String target() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * The URI without its password.
   *
   * @return such as {@code rediss://probe:****@cache:6380/2}
   */
  @Override
  public String toString() {
    String userInfo = user == null && password == null ? ""
        : (user == null ? "" : user) + (password == null ? "" : ":" + Redaction.MASK) + "@";
    return (tls ? "rediss" : "redis") + "://" + userInfo + target() + "/" + database;
  }

  /** Masks the whole user-info of a URI given as text, whatever its form. */
  static String mask(String text) {
    int scheme = text.indexOf("://");
    int at = text.lastIndexOf('@');
    if (scheme >= 0 && at > scheme) {
      return text.substring(0, scheme + 3) + Redaction.MASK + text.substring(at);
    }
    return Redaction.redact(text);
  }

  private static ConfigException bad(String key, String text, String allowed) {
    return new ConfigException(key, mask(text), allowed);
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String decode(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 3;
          continue;
        }
      }
      int cp = raw.codePointAt(i);
      byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
      i += Character.charCount(cp);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

}
