package dev.vitals.probes.jdbc;

import dev.vitals.api.Redaction;
import dev.vitals.api.spi.ConfigException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of what the probe shows. It knows the probe's own secrets (the password, the
 * values of secret driver properties, and every password written into the JDBC URL, in each form a
 * driver accepts) and masks them wherever they appear, and it masks passwords in any JDBC URL by
 * their form: user-info ({@code //user:secret@host}, also in a host list), Oracle's {@code user/secret@host}, and
 * parameters ({@code ?password=}, {@code &password=}, {@code ;password=}, {@code ;password={...}},
 * {@code (PASSWORD=...)}) whose name contains password, pwd, secret, token or passphrase.
 *
 * <p>Immutable and thread-safe.
 */
final class Secrets {

  static final Secrets NONE = new Secrets(List.of());

  private static final Pattern USER_INFO = Pattern.compile("((?://|,)[^/@:,\\s]*:)([^@\\s/]*?)(@)");
  private static final Pattern ORACLE_USER_SLASH =
      Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:(?:@)?(?://)?[^/@:\\s]+/)([^@\\s]+)(@)");
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)([?&;:(\\s,]|^)([a-z0-9_.\\-]*(?:password|passwd|pwd|secret|token|passphrase)[a-z0-9_.\\-]*\\s*=\\s*)"
          + "(\\{[^}]*}?|\"[^\"]*\"?|'[^']*'?|[^&;)\\s,]*)");

  /** The known secrets, longest first, so a secret containing another is masked whole. */
  private final List<String> known;

  private Secrets(List<String> known) {
    this.known = known;
  }

  /**
   * The secrets of one probe.
   *
   * @param url the JDBC URL, or null for a DataSource
   * @param password the password, or null
   * @param properties driver properties; the values of secret-named keys count as secrets
   * @return the secrets
   */
  static Secrets of(String url, String password, Map<String, String> properties) {
    Set<String> found = new LinkedHashSet<>();
    addWithVariants(found, password);
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (isSecretName(e.getKey())) {
        addWithVariants(found, e.getValue());
      }
    }
    if (url != null) {
      collect(USER_INFO, url, 2, found);
      collect(ORACLE_USER_SLASH, url, 2, found);
      collect(SECRET_PARAM, url, 3, found);
    }
    List<String> list = new ArrayList<>(found);
    list.sort(Comparator.comparingInt(String::length).reversed());
    return new Secrets(List.copyOf(list));
  }

  /**
   * Whether a property or parameter name is one whose value is a secret.
   *
   * @param name a name such as {@code password} or {@code sslpassword}
   * @return true when it names a secret
   */
  static boolean isSecretName(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return ConfigException.isSecretKey(n) || n.contains("password") || n.contains("passwd")
        || n.equals("pwd") || n.contains("secret") || n.contains("token") || n.contains("passphrase");
  }

  /**
   * Masks the passwords of a JDBC URL, by their form only.
   *
   * @param url a JDBC URL, may be null
   * @return the URL with every password replaced by {@link Redaction#MASK}
   */
  static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    String out = mask(USER_INFO, url);
    out = mask(ORACLE_USER_SLASH, out);
    out = maskParam(out);
    return Redaction.redact(out);
  }

  /**
   * Masks every known secret, then every password by its form, in a text.
   *
   * @param text any text, may be null
   * @return the text without secrets; null for null
   */
  String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : known) {
      out = out.replace(secret, Redaction.MASK);
    }
    return redactUrl(out);
  }

  private static void collect(Pattern pattern, String url, int group, Set<String> into) {
    Matcher m = pattern.matcher(url);
    while (m.find()) {
      String value = m.group(group);
      if (value.length() >= 2 && (value.startsWith("{") && value.endsWith("}")
          || value.startsWith("\"") && value.endsWith("\"")
          || value.startsWith("'") && value.endsWith("'"))) {
        addWithVariants(into, value);
        value = value.substring(1, value.length() - 1);
      }
      addWithVariants(into, value);
    }
  }

  private static void addWithVariants(Set<String> into, String secret) {
    if (secret == null || secret.isEmpty() || secret.equals(Redaction.MASK)) {
      return;
    }
    into.add(secret);
    try {
      into.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notEncoded) {
      // not percent-encoded: the raw form is enough
    }
    into.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    into.remove("");
  }

  private static String mask(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    do {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + Redaction.MASK + m.group(3)));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }

  private static String maskParam(String text) {
    Matcher m = SECRET_PARAM.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    do {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + Redaction.MASK));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Secrets[" + known.size() + " known]";
  }
}
