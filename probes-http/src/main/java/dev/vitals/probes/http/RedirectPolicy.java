package dev.vitals.probes.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Which redirects an {@link HttpProbe} follows and how: off by default; when on, at most a number of
 * hops, each to an {@code http} or {@code https} URL with a host, without user-info and, when an
 * allow-list is set, to an allowed host; the method as browsers change it; credential headers only to
 * the configured URL's origin. Immutable and thread-safe.
 */
final class RedirectPolicy {

  private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

  private final boolean follow;
  private final int maxHops;
  private final HostAllowList allowedHosts;

  /**
   * @param follow whether redirects are followed
   * @param maxHops the most hops followed
   * @param allowedHosts the hosts a redirect may go to, or null for any
   */
  RedirectPolicy(boolean follow, int maxHops, HostAllowList allowedHosts) {
    this.follow = follow;
    this.maxHops = maxHops;
    this.allowedHosts = allowedHosts;
  }

  /** Whether redirects are followed at all. */
  boolean follows() {
    return follow;
  }

  /** Whether a response with this status code and a {@code Location} is followed. */
  boolean follows(int code) {
    return follow && isRedirect(code);
  }

  /** The most hops followed. */
  int maxHops() {
    return maxHops;
  }

  /** Whether a status code is a redirect that names its target in {@code Location}. */
  static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /**
   * Why a redirect target may not be contacted.
   *
   * @param next the resolved target
   * @return the reason, or null when it may be contacted
   */
  String refuse(URI next) {
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "its Location " + next + " has the scheme '" + scheme + "'; only http and https are followed";
    }
    if (next.getHost() == null) {
      return "its Location " + next + " has no host";
    }
    if (next.getRawUserInfo() != null) {
      return "its Location to " + next.getHost() + " carries credentials (user-info), which are never followed";
    }
    if (allowedHosts != null && !allowedHosts.allows(next.getHost())) {
      return "host '" + next.getHost() + "' of Location " + next + " is not in allowed-hosts (" + allowedHosts + ")";
    }
    return null;
  }

  /** The method of the next hop: {@code GET} after a 303 (but for HEAD), and after a 301 or 302 to a POST. */
  static String methodAfter(int code, String verb) {
    if ((code == 303 && !"HEAD".equals(verb)) || ((code == 301 || code == 302) && "POST".equals(verb))) {
      return "GET";
    }
    return verb;
  }

  /**
   * Whether a configured header is sent to a target: credential headers ({@code Authorization},
   * {@code Proxy-Authorization}, {@code Cookie}) only to the origin of the configured URL.
   *
   * @param lowerName the header's name in lower case
   * @param origin the configured URL
   * @param target the URL of this hop
   */
  static boolean sends(String lowerName, URI origin, URI target) {
    return !CREDENTIAL_HEADERS.contains(lowerName) || sameOrigin(origin, target);
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && Failures.port(a) == Failures.port(b);
  }

  /** The URL without its fragment, which is never sent. */
  static URI stripFragment(URI u) {
    if (u.getRawFragment() == null) {
      return u;
    }
    String s = u.toString();
    return URI.create(s.substring(0, s.indexOf('#')));
  }
}
