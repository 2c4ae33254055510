package dev.vitals.probes.rabbitmq;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A parsed {@code amqp[s]://[user[:password]@]host[:port][/vhost]} URL. Its {@link #toString()} and
 * {@link #target()} never show the user-info. Immutable.
 */
final class AmqpUrl {

  static final int AMQP_PORT = 5672;
  static final int AMQPS_PORT = 5671;
  /** What every parse error says is allowed. */
  static final String ALLOWED = "amqp://[user[:password]@]host[:port][/vhost] or amqps://..., with the vhost"
      + " percent-encoded (%2F for '/') and no query";

  final boolean tls;
  final String host;
  final int port;
  final String vhost;
  /** Null when the URL names none (the client's default, guest, applies). */
  final String user;
  /** Null when the URL carries none. */
  final String password;

  private AmqpUrl(boolean tls, String host, int port, String vhost, String user, String password) {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.vhost = vhost;
    this.user = user;
    this.password = password;
  }

  /**
   * Parses a URL.
   *
   * @param text the URL
   * @return the parsed URL
   * @throws IllegalArgumentException saying what is wrong, without the URL's user-info
   */
  static AmqpUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
      throw new IllegalArgumentException("the scheme must be amqp or amqps");
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null) {
      throw new IllegalArgumentException("no host");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException(uri.getRawAuthority().contains("@") || uri.getPort() == -1
          ? "no host, or a host or port that cannot be read" : "no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean tls = scheme.equals("amqps");
    int port = uri.getPort() == -1 ? (tls ? AMQPS_PORT : AMQP_PORT) : uri.getPort();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the port must be 1 to 65535");
    }
    if (uri.getRawQuery() != null) {
      throw new IllegalArgumentException("no query parameters: the probe's timeout sets the client's limits");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("no fragment");
    }
    String vhost = "/";
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      String raw = path.substring(1);
      if (raw.contains("/")) {
        throw new IllegalArgumentException("one path segment only, the vhost (write '/' inside it as %2F)");
      }
      vhost = decode(raw, "the vhost");
    }
    String user = null;
    String password = null;
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon), "the user name");
      password = colon < 0 ? null : decode(info.substring(colon + 1), "the password");
      if (user.isEmpty()) {
        throw new IllegalArgumentException("an empty user name before ':' or '@'");
      }
    }
    return new AmqpUrl(tls, host, port, vhost, user, password);
  }

  private static String decode(String raw, String what) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // the decoder's message quotes the text, which may be the password
      throw new IllegalArgumentException(what + " has a '%' that is not followed by two hex digits");
    }
  }

  /**
   * Where the probe connects, for messages: {@code host:port}, and the vhost unless it is {@code /}.
   *
   * @return for example {@code mq.internal:5672 vhost 'orders'}
   */
  String target() {
    String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    return vhost.equals("/") ? address : address + " vhost '" + vhost + "'";
  }

  /** The URL without its user-info. */
  @Override
  public String toString() {
    String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    String encoded = java.net.URLEncoder.encode(vhost, StandardCharsets.UTF_8).replace("+", "%20");
    return (tls ? "amqps://" : "amqp://") + address + "/" + encoded;
  }
}
