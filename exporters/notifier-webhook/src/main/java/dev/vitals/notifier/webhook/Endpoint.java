package dev.vitals.notifier.webhook;

import dev.vitals.api.Redaction;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.NotifierConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The URL a notifier posts to, checked at configuration time, with what may be shown of it: its
 * origin ({@code https://hooks.example.com}) but never its path or query, which may carry a token.
 * Immutable.
 */
final class Endpoint {

  static final String FORM = "an absolute http:// or https:// URL with a host and without user-info "
      + "(send credentials with headers.Authorization)";

  private final URI uri;
  private final String origin;
  private final List<String> secrets;

  private Endpoint(URI uri) {
    this.uri = uri;
    this.origin = origin(uri);
    List<String> s = new ArrayList<>();
    s.add(uri.toString());
    add(s, uri.getRawPath());
    add(s, uri.getPath());
    add(s, uri.getRawQuery());
    if (uri.getRawPath() != null) {
      for (String segment : uri.getRawPath().split("/")) {
        add(s, segment);
      }
    }
    this.secrets = List.copyOf(s);
  }

  private static void add(List<String> list, String s) {
    if (s != null && s.length() > 1) {
      list.add(s);
    }
  }

  /**
   * Reads and checks the URL of a key.
   *
   * @throws ConfigException naming the key, showing only the origin of the value
   */
  static Endpoint parse(NotifierConfig config, String key) {
    String raw = config.get(key).orElseThrow(() -> new ConfigException(config.fullKey(key), null, FORM));
    URI u;
    try {
      u = new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(config.fullKey(key), masked(raw), FORM);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    boolean allowed = u.isAbsolute() && u.getHost() != null && u.getRawUserInfo() == null
        && (scheme.equals("https") || scheme.equals("http"));
    if (!allowed) {
      throw new ConfigException(config.fullKey(key), masked(raw), FORM);
    }
    if (u.getRawFragment() != null) {
      String s = u.toString();
      u = URI.create(s.substring(0, s.indexOf('#')));
    }
    return new Endpoint(u);
  }

  /** What may be shown of a URL as configured: its scheme and host, the rest masked. */
  static String masked(String raw) {
    try {
      URI u = new URI(raw);
      if (u.getScheme() != null && u.getHost() != null && u.getRawUserInfo() == null) {
        String rest = raw.substring(raw.indexOf(u.getHost()) + u.getHost().length());
        boolean hasMore = !rest.isEmpty() && !rest.equals("/") && !rest.matches(":\\d+/?");
        return origin(u) + (hasMore ? "/" + Redaction.MASK : "");
      }
    } catch (URISyntaxException | IndexOutOfBoundsException e) {
      // not a URL: nothing of it is shown
    }
    return Redaction.MASK;
  }

  private static String origin(URI u) {
    return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
  }

  /** The URL to post to. */
  URI uri() {
    return uri;
  }

  /** Scheme, host and port, which may be shown. */
  String origin() {
    return origin;
  }

  /** The URL as it may be shown: {@code https://hooks.example.com/****}. */
  String masked() {
    return masked(uri.toString());
  }

  /** The parts of the URL that are secret, to scrub from messages. */
  List<String> secrets() {
    return secrets;
  }
}
