package dev.vitals.api;

import dev.vitals.api.spi.Config;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The secret values a monitor or a probe knows about, and the one rule for which configuration keys
 * hold them. {@link #scrub(String)} replaces every occurrence of each value with
 * {@link Redaction#MASK} (then applies {@link Redaction}), so a password, token or header value that a
 * dependency echoes back, or that an exception quotes, never reaches a report, a log or an alert.
 *
 * <p><b>What is secret</b> ({@link #isSecretKey(String)}, {@link #of(Config)}): the value of every key
 * whose last segment {@linkplain Redaction#isSecretName(String) names a secret} ({@code password},
 * {@code trust-store-password}, {@code token}, {@code secret}, {@code api-key}, {@code routing-key} ...);
 * the value of every request header ({@code headers.<Name>}) except the few standard headers that
 * carry no credentials ({@code Accept}, {@code Accept-Charset}, {@code Accept-Encoding},
 * {@code Accept-Language}, {@code Cache-Control}, {@code Content-Type}, {@code Pragma},
 * {@code User-Agent}); every notifier's {@code url} (a Slack webhook URL is a credential); and, in any
 * value, the password of a URL's user-info and the value of every secret-named parameter
 * ({@code https://host/x?private_token=...}).
 *
 * <p><b>What is searched for.</b> Each value as configured, URL-encoded and JSON-escaped; for a value of
 * the form {@code <scheme> <credentials>} ({@code Bearer ...}, {@code Basic ...}) the credentials
 * alone; for a secret URL, each path segment of 16 characters or more. Values shorter than
 * {@value #MIN_LENGTH} characters are not searched for: they would mask ordinary words and numbers (the
 * form-based {@link Redaction} still applies). Matching is exact (case-sensitive).
 *
 * <p>Immutable and thread-safe. Scrubbing a text costs one pass over it, whatever the number of
 * secrets; a text without secrets is returned as the same instance.
 */
public final class Secrets {

  /** Values shorter than this are not searched for. */
  public static final int MIN_LENGTH = 6;
  /** A secret URL's path segments of at least this length are searched for on their own. */
  static final int MIN_SEGMENT = 16;

  private static final Set<String> PLAIN_HEADERS = Set.of("accept", "accept-charset", "accept-encoding",
      "accept-language", "cache-control", "content-type", "pragma", "user-agent");
  private static final Set<String> SCHEMES = Set.of("bearer", "basic", "token", "digest", "negotiate",
      "apikey", "sharedaccesssignature");
  private static final Secrets NONE = new Secrets(List.of());
  /** Longest first, then in natural order (a class, not a lambda: none is spun on the start path). */
  private static final Comparator<String> LONGEST_FIRST = new Comparator<String>() {
    @Override
    public int compare(String a, String b) {
      return a.length() != b.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b);
    }
  };
  /** The base of the rolling hash over {@link #MIN_LENGTH} characters. */
  private static final int BASE = 31;
  private static final int POW;

  static {
    int p = 1;
    for (int i = 1; i < MIN_LENGTH; i++) {
      p *= BASE;
    }
    POW = p;
  }

  /** Every value searched for, longest first (also its identity: equals and hashCode). */
  private final List<String> values;
  /** Open-addressing table: the hash of a value's first characters to its group. */
  private final int[] hashes;
  /** Per slot, the group's index + 1; 0 for an empty slot. */
  private final int[] slots;
  /** Per group, its values, longest first. */
  private final String[][] groups;

  private Secrets(List<String> values) {
    this.values = values;
    Map<Integer, List<String>> byHash = new LinkedHashMap<>();
    for (String v : values) {
      List<String> group = byHash.get(hash(v, 0));
      if (group == null) {
        group = new ArrayList<>();
        byHash.put(hash(v, 0), group);
      }
      group.add(v);
    }
    int size = Integer.highestOneBit(Math.max(2, byHash.size() * 2 + 1)) << 1;
    hashes = new int[size];
    slots = new int[size];
    groups = new String[byHash.size()][];
    int g = 0;
    for (Map.Entry<Integer, List<String>> e : byHash.entrySet()) {
      groups[g] = e.getValue().toArray(new String[0]);
      int i = mix(e.getKey()) & (size - 1);
      while (slots[i] != 0) {
        i = (i + 1) & (size - 1);
      }
      hashes[i] = e.getKey();
      slots[i] = ++g;
    }
  }

  /**
   * No secrets: {@link #scrub(String)} applies {@link Redaction} only.
   *
   * @return the shared empty instance
   */
  public static Secrets none() {
    return NONE;
  }

  /**
   * These secret values (with their encoded forms, see the class description).
   *
   * @param values the values; nulls and values shorter than {@value #MIN_LENGTH} are ignored
   * @return the secrets
   * @throws NullPointerException if {@code values} is null
   */
  public static Secrets of(Collection<String> values) {
    Objects.requireNonNull(values, "values");
    Set<String> all = new LinkedHashSet<>();
    for (String v : values) {
      addValue(all, v);
    }
    return of(all);
  }

  /**
   * The secrets of a configuration: the values of its secret keys ({@link #isSecretKey(String)},
   * applied to each key's {@linkplain Config#fullKey(String) full name}) and the secrets that
   * {@link Redaction} finds in any value (URL passwords, secret-named parameters).
   *
   * @param config the configuration, not null
   * @return the secrets
   */
  public static Secrets of(Config config) {
    Objects.requireNonNull(config, "config");
    Set<String> all = new LinkedHashSet<>();
    for (String key : config.keys()) {
      Optional<String> value = config.get(key);
      if (value.isEmpty()) {
        continue;
      }
      if (isSecretKey(config.fullKey(key))) {
        addValue(all, value.get());
      } else if (mayHoldSecrets(value.get())) {
        addFound(all, value.get());
      }
    }
    return of(all);
  }

  /** Whether a value may hold a user-info password or a parameter (durations, flags and names cannot). */
  private static boolean mayHoldSecrets(String value) {
    return value.indexOf('@') >= 0 || value.indexOf('=') >= 0 || value.indexOf(':') >= 0;
  }

  private static Secrets of(Set<String> all) {
    if (all.isEmpty()) {
      return NONE;
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(LONGEST_FIRST);
    return new Secrets(List.copyOf(sorted));
  }

  /**
   * Whether a configuration key holds a secret value: see the class description.
   *
   * @param key a key, full ({@code vitals.probes.api.headers.X-Api-Key}) or relative to a plugin
   *     ({@code headers.X-Api-Key}, {@code password})
   * @return true when its value must never be shown
   */
  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    String header = k.startsWith("headers.") ? k.substring("headers.".length())
        : k.contains(".headers.") ? k.substring(k.indexOf(".headers.") + ".headers.".length()) : null;
    if (header != null) {
      return !PLAIN_HEADERS.contains(header);
    }
    if (k.startsWith("vitals.notifiers.") && k.endsWith(".url")) {
      return true;
    }
    return Redaction.isSecretName(k.substring(k.lastIndexOf('.') + 1));
  }

  /** A configured secret value: itself, its credentials after a scheme, its long URL path segments. */
  private static void addValue(Set<String> all, String value) {
    if (value == null) {
      return;
    }
    String v = value.trim();
    addVariants(all, v);
    String[] words = v.split("\\s+");
    if (words.length > 1 && SCHEMES.contains(words[0].toLowerCase(Locale.ROOT))) {
      addVariants(all, v.substring(words[0].length()).trim());
    }
    for (String w : words) {
      if (w.length() >= MIN_SEGMENT) {
        addVariants(all, w);
      }
    }
    if (v.contains("://")) {
      try {
        URI u = new URI(v);
        if (u.getRawPath() != null) {
          for (String segment : u.getRawPath().split("/")) {
            if (segment.length() >= MIN_SEGMENT) {
              addVariants(all, segment);
            }
          }
        }
      } catch (java.net.URISyntaxException e) {
        // not a URL: the whole value is searched for all the same
      }
    }
    addFound(all, v);
  }

  /** The secrets {@link Redaction} finds in a value (no lambda: this runs on the start path). */
  private static void addFound(Set<String> all, String value) {
    List<String> found = new ArrayList<>();
    Redaction.secretsIn(value, found);
    for (String s : found) {
      addVariants(all, s);
    }
  }

  /** A value as written, URL-encoded and JSON-escaped. */
  private static void addVariants(Set<String> all, String v) {
    if (v == null || v.length() < MIN_LENGTH || v.equals(Redaction.MASK)) {
      return;
    }
    all.add(v);
    String form = URLEncoder.encode(v, StandardCharsets.UTF_8);
    all.add(form);
    all.add(form.replace("+", "%20"));
    String json = v.replace("\\", "\\\\").replace("\"", "\\\"");
    all.add(json);
    all.add(json.replace("/", "\\/"));
  }

  /**
   * Whether there is no value to search for.
   *
   * @return true for {@link #none()} and for secrets built from no usable value
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * These secrets and another's.
   *
   * @param other more secrets, not null
   * @return secrets holding both sets of values
   */
  public Secrets and(Secrets other) {
    Objects.requireNonNull(other, "other");
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Set<String> all = new LinkedHashSet<>(values);
    all.addAll(other.values);
    return of(all);
  }

  /**
   * Removes every secret from a text: each known value, then what {@link Redaction} recognises.
   *
   * @param text any text, may be null
   * @return the text with secrets replaced by {@link Redaction#MASK}; null for null
   */
  public String scrub(String text) {
    return Redaction.redact(replaceValues(text));
  }

  /**
   * Removes every known value from a result's message, error and string details. The result's
   * texts were redacted by form when it was built.
   *
   * @param result a result, may be null
   * @return the result without the values; the same instance when it held none; null for null
   */
  public ProbeResult scrub(ProbeResult result) {
    if (result == null || isEmpty()) {
      return result;
    }
    return result.mapTexts(this);
  }

  /** Replaces each known value in one pass; returns the same instance when there is none. */
  String replaceValues(String text) {
    if (text == null || values.isEmpty() || text.length() < MIN_LENGTH) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    int mask = slots.length - 1;
    int i = 0;
    int h = hash(text, 0);
    int end = text.length() - MIN_LENGTH;
    while (i <= end) {
      String found = null;
      int s = mix(h) & mask;
      while (slots[s] != 0) {
        if (hashes[s] == h) {
          for (String v : groups[slots[s] - 1]) {
            if (text.regionMatches(i, v, 0, v.length())) {
              found = v;
              break;
            }
          }
          break;
        }
        s = (s + 1) & mask;
      }
      if (found != null) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, i).append(Redaction.MASK);
        i += found.length();
        copied = i;
        if (i <= end) {
          h = hash(text, i);
        }
        continue;
      }
      if (i < end) {
        h = (h - text.charAt(i) * POW) * BASE + text.charAt(i + MIN_LENGTH);
      }
      i++;
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** The hash of the {@link #MIN_LENGTH} characters from {@code from}. */
  private static int hash(String s, int from) {
    int h = 0;
    for (int i = from; i < from + MIN_LENGTH; i++) {
      h = h * BASE + s.charAt(i);
    }
    return h;
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secrets && values.equals(((Secrets) o).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /**
   * Never shows a value.
   *
   * @return such as {@code Secrets[3 values]}
   */
  @Override
  public String toString() {
    return "Secrets[" + values.size() + " values]";
  }
}
