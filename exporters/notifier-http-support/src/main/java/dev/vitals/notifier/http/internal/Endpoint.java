package dev.vitals.notifier.http.internal;

import dev.vitals.api.Redaction;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.NotifierConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The URL a notifier posts to, checked at configuration time, with what may be shown of it: its
 * origin ({@code https://hooks.slack.com}) but never its path or query, which may carry a secret
 * token. A fragment is dropped. Immutable and thread-safe.
 */
public final class Endpoint {

  /** Where a notifier may post over plain {@code http} rather than {@code https}. */
  public enum PlainHttp {
    /** Only to this machine ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}), for tests. */
    LOOPBACK_ONLY,
    /** To any host: for a notifier whose receivers may be plain HTTP services. */
    ANY_HOST
  }

  /** Hosts that may be reached over plain {@code http} under {@link PlainHttp#LOOPBACK_ONLY}. */
  static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

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
    if (uri.getRawQuery() != null) {
      // a receiver may echo one parameter back ("invalid sig ..."): each value is a secret of its own
      for (String parameter : uri.getRawQuery().split("&")) {
        int eq = parameter.indexOf('=');
        String value = eq < 0 ? parameter : parameter.substring(eq + 1);
        addOnce(s, value);
        addOnce(s, java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    this.secrets = List.copyOf(s);
  }

  private static void addOnce(List<String> list, String s) {
    if (!list.contains(s)) {
      add(list, s);
    }
  }

  private static void add(List<String> list, String s) {
    if (s != null && s.length() > 1) {
      list.add(s);
    }
  }

  /**
   * Reads and checks the URL of a key that must be set: an absolute {@code https} URL (or {@code http}
   * as {@code plainHttp} allows) with a host and without user-info.
   *
   * @param config the notifier's settings, not null
   * @param key the key, such as {@code url}, not null
   * @param plainHttp where plain {@code http} is allowed, not null
   * @param form what is allowed, for the error message, such as {@code an https:// URL ...}, not null
   * @return the endpoint
   * @throws ConfigException naming the key and what is allowed, showing only the origin of the value,
   *     when the key is missing or its value is not such a URL
   */
  public static Endpoint parse(NotifierConfig config, String key, PlainHttp plainHttp, String form) {
    String raw = config.get(key).orElseThrow(() -> new ConfigException(config.fullKey(key), null, form));
    return check(config, key, raw, plainHttp, form);
  }

  /**
   * Reads and checks the URL of a key that has a default, as {@link #parse(NotifierConfig, String,
   * PlainHttp, String)} does.
   *
   * @param config the notifier's settings, not null
   * @param key the key, such as {@code url}, not null
   * @param defaultUrl the URL when the key is not set, not null; it is checked too
   * @param plainHttp where plain {@code http} is allowed, not null
   * @param form what is allowed, for the error message, not null
   * @return the endpoint
   * @throws ConfigException naming the key and what is allowed, showing only the origin of the value,
   *     when the URL is not allowed
   */
  public static Endpoint parseOrDefault(NotifierConfig config, String key, String defaultUrl, PlainHttp plainHttp,
      String form) {
    return check(config, key, config.get(key).orElse(defaultUrl), plainHttp, form);
  }

  private static Endpoint check(NotifierConfig config, String key, String raw, PlainHttp plainHttp, String form) {
    URI u;
    try {
      u = new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(config.fullKey(key), masked(raw), form);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost() == null ? null : u.getHost().toLowerCase(Locale.ROOT);
    boolean allowed = u.isAbsolute() && host != null && u.getRawUserInfo() == null
        && (scheme.equals("https")
            || (scheme.equals("http") && (plainHttp == PlainHttp.ANY_HOST || LOOPBACK.contains(host))));
    if (!allowed) {
      throw new ConfigException(config.fullKey(key), masked(raw), form);
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

  /**
   * The URL as it may be shown.
   *
   * @return scheme, host and port, and {@code /****} when the URL has more, such as
   *     {@code https://hooks.slack.com/****}
   */
  public String masked() {
    return masked(uri.toString());
  }

  /**
   * The parts of the URL that are secret, to give to a {@link Scrubber}.
   *
   * @return the whole URL, its path (raw and decoded), its query, each path segment and each query
   *     parameter's value (raw and decoded); immutable
   */
  public List<String> secrets() {
    return secrets;
  }

  @Override
  public String toString() {
    return "Endpoint[" + masked() + "]";
  }
}
