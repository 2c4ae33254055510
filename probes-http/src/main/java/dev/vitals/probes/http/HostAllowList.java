package dev.vitals.probes.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The hosts an HTTP probe may contact, on its first request and on every redirect hop. An entry is
 * a host name or IP literal, matched exactly and case-insensitively, or {@code *.example.com}, which
 * matches any host below {@code example.com} (not {@code example.com} itself). The check is on the
 * host as written in the URL: it does not resolve names. Immutable and thread-safe.
 */
final class HostAllowList {

  /** What an entry may look like, for error messages. */
  static final String FORM = "a comma-separated list of host names or IP addresses "
      + "(no scheme, port or path), each optionally starting with '*.' to allow its subdomains";

  private final List<String> exact;
  private final List<String> suffixes;
  private final String text;

  private HostAllowList(List<String> exact, List<String> suffixes, String text) {
    this.exact = exact;
    this.suffixes = suffixes;
    this.text = text;
  }

  /**
   * Builds an allow-list.
   *
   * @param entries the entries, at least one
   * @return the list
   * @throws IllegalArgumentException with {@link #FORM} when an entry is malformed or there is none
   */
  static HostAllowList of(Collection<String> entries) {
    List<String> exact = new ArrayList<>();
    List<String> suffixes = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (String raw : entries) {
      String e = normalize(raw == null ? "" : raw.trim());
      boolean wildcard = e.startsWith("*.");
      String host = wildcard ? e.substring(2) : e;
      boolean name = host.matches("[a-z0-9._\\-]+");
      boolean ipv6 = !wildcard && host.contains(":") && host.matches("[0-9a-f:.]+(%[a-z0-9._\\-]+)?");
      if (host.isEmpty() || !(name || ipv6) || host.startsWith(".") || host.endsWith(".")) {
        throw new IllegalArgumentException(FORM);
      }
      if (wildcard) {
        suffixes.add("." + host);
      } else {
        exact.add(host);
      }
      shown.add(e);
    }
    if (shown.isEmpty()) {
      throw new IllegalArgumentException(FORM);
    }
    return new HostAllowList(List.copyOf(exact), List.copyOf(suffixes), String.join(",", shown));
  }

  /**
   * Whether a host may be contacted.
   *
   * @param host the host of a URL ({@link java.net.URI#getHost()}), IPv6 literals with or without brackets
   * @return true when an entry matches it
   */
  boolean allows(String host) {
    if (host == null) {
      return false;
    }
    String h = normalize(host);
    if (exact.contains(h)) {
      return true;
    }
    for (String suffix : suffixes) {
      if (h.endsWith(suffix) && h.length() > suffix.length()) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".") && !h.endsWith("..")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  /** The entries, comma-separated. */
  @Override
  public String toString() {
    return text;
  }
}
