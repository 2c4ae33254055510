package dev.vitals.api;

import java.util.Locale;
import java.util.Set;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text by their form, before it is shown: in JSON, metrics, logs and the status
 * page. This is the second line of defence: the values a monitor knows to be secret (its configured
 * passwords, tokens, header values) are removed by {@link Secrets} wherever they appear.
 *
 * <p>Replaces with {@code ****}:
 * <ul>
 *   <li>the password of a URL's user-info ({@code scheme://user:secret@host}), and
 *       {@code redis://secret@host}, where Redis reads a lone user-info as the password;
 *   <li>the value of every parameter whose name says it is secret ({@link #isSecretName(String)}), in
 *       URL queries, JDBC property lists, {@code name=value}, {@code name: value} and JSON
 *       ({@code "name": "value"}) text: {@code password=}, {@code access_token=}, {@code client_secret=},
 *       {@code private_token=}, {@code X-Amz-Signature=}, {@code sig=}, {@code key=} ...;
 *   <li>the credentials after {@code Bearer} or {@code Basic}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Redaction {

  /** What a secret is replaced with. */
  public static final String MASK = "****";

  private static final Pattern USER_INFO =
      Pattern.compile("(?i)([a-z][a-z0-9+.\\-]*:(?://)?(?:[^\\s/@:;]*)?:)([^\\s/@]+)(@)");
  /** Redis URLs take a lone user-info as the password: {@code redis://secret@host}. */
  private static final Pattern REDIS_LONE_SECRET = Pattern.compile("(?i)(\\brediss?://)([^\\s/@:]+)(@)");
  /**
   * A parameter: its whole name (not preceded by a name character, so {@code private_token} is read
   * as one name, not as {@code token}), an optional closing quote (JSON), {@code =} or {@code :}, and
   * its value: quoted, or up to the next separator.
   */
  private static final Pattern PARAM = Pattern.compile(
      "(?<![A-Za-z0-9_.\\-])([A-Za-z][A-Za-z0-9_.\\-]*+)([\"']?\\s*[=:]\\s*)"
          + "(\"(?:[^\"\\\\]|\\\\.)*+\"|'[^']*+'|[^\\s&;,)\"'}]++)");
  private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)([A-Za-z0-9._~+/=\\-]{4,})");

  /** Names (lower case, without {@code -}, {@code _} and {@code .}) that are secret as a whole. */
  private static final Set<String> SECRET_NAMES = Set.of("key", "sig", "pwd", "auth", "session", "jwt",
      "authorization", "cookie", "setcookie");
  /** Endings (of the same normalised names) that make a name secret. */
  private static final String[] SECRET_ENDINGS = {"token", "secret", "password", "passwd", "passphrase", "pwd",
      "signature", "credential", "credentials", "apikey", "accesskey", "secretkey", "privatekey", "routingkey",
      "subscriptionkey", "accesskeyid", "sessionkey", "sessionid", "signingkey", "masterkey", "accountkey", "sharedkey", "authkey",
      "auth"};
  /** Authentication schemes: the value after them is masked by {@link #AUTH_SCHEME}, not the scheme. */
  private static final Set<String> SCHEMES = Set.of("bearer", "basic");

  private Redaction() {}

  /**
   * Masks every secret this class recognises in a text.
   *
   * @param text any text, may be null
   * @return the text with secrets replaced by {@link #MASK}; null for null
   */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = replace(USER_INFO, text, 1, 3);
    out = replace(REDIS_LONE_SECRET, out, 1, 3);
    out = replace(AUTH_SCHEME, out, 1, -1);
    out = replaceParams(out, null);
    return out;
  }

  /**
   * Whether a parameter, property, header or configuration key name says that its value is secret.
   * The name is compared in lower case without {@code -}, {@code _} and {@code .}, so
   * {@code X-Api-Key}, {@code api_key} and {@code apikey} are one name. Secret are:
   * {@code key}, {@code sig} (Azure SAS), {@code pwd}, {@code auth}, {@code session}, {@code jwt},
   * {@code authorization}, {@code cookie}, {@code set-cookie}, and every name ending in {@code token}
   * ({@code access_token}, {@code id_token}, {@code refresh_token}, {@code private_token},
   * {@code X-Amz-Security-Token}), {@code secret} ({@code client_secret}), {@code password},
   * {@code passwd}, {@code passphrase}, {@code pwd}, {@code signature} ({@code X-Amz-Signature},
   * {@code X-Goog-Signature}), {@code credential(s)} ({@code X-Amz-Credential}), {@code api-key},
   * {@code access-key}, {@code secret-key}, {@code private-key}, {@code routing-key},
   * {@code subscription-key}, {@code AWSAccessKeyId}, {@code session-key}, {@code session-id}, {@code signing-key},
   * {@code master-key}, {@code account-key}, {@code shared-key}, {@code auth-key} or {@code auth}
   * ({@code basic_auth}).
   *
   * @param name a name such as {@code client_secret} or {@code X-Amz-Signature}
   * @return true when its value is a secret
   */
  public static boolean isSecretName(String name) {
    String n = normalise(name);
    if (n.isEmpty()) {
      return false;
    }
    if (SECRET_NAMES.contains(n)) {
      return true;
    }
    for (String ending : SECRET_ENDINGS) {
      if (n.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_' && c != '.') {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Hands each secret this class would mask in a text to a sink (the value, without quotes), so that it
   * can be searched for as a value elsewhere (see {@link Secrets}).
   */
  static void secretsIn(String text, Collection<String> sink) {
    if (text == null || text.isEmpty()) {
      return;
    }
    collect(USER_INFO, text, 2, sink);
    collect(REDIS_LONE_SECRET, text, 2, sink);
    collect(AUTH_SCHEME, text, 2, sink);
    replaceParams(text, sink);
  }

  private static void collect(Pattern pattern, String text, int group, Collection<String> sink) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      sink.add(m.group(group));
    }
  }

  /** Masks the values of secret parameters; hands each to {@code sink} when it is not null. */
  private static String replaceParams(String text, Collection<String> sink) {
    Matcher m = PARAM.matcher(text);
    StringBuilder sb = null;
    int last = 0;
    int from = 0;
    while (from < text.length() && m.find(from)) {
      // a name that is not secret consumes only itself: its value may hold one (https://h/?token=...)
      from = m.end(1);
      if (!isSecretName(m.group(1))) {
        continue;
      }
      String value = m.group(3);
      char first = value.charAt(0);
      boolean quoted = (first == '"' || first == '\'') && value.length() >= 2;
      String inner = quoted ? value.substring(1, value.length() - 1) : value;
      if (inner.isEmpty() || inner.equals(MASK) || SCHEMES.contains(inner.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (sink != null) {
        sink.add(inner);
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      sb.append(text, last, m.start(3));
      sb.append(quoted ? first + MASK + first : MASK);
      last = m.end();
      from = last;
    }
    if (sb == null) {
      return text;
    }
    sb.append(text, last, text.length());
    return sb.toString();
  }

  private static String replace(Pattern pattern, String text, int keepBefore, int keepAfter) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int last = 0;
    do {
      sb.append(text, last, m.start());
      sb.append(m.group(keepBefore)).append(MASK);
      if (keepAfter > 0) {
        sb.append(m.group(keepAfter));
      }
      last = m.end();
    } while (m.find());
    sb.append(text, last, text.length());
    return sb.toString();
  }
}
