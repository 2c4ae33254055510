package dev.vitals.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is shown: in JSON, metrics, logs and the status page.
 *
 * <p>Replaces with {@code ****}: the password of a URL's user-info ({@code scheme://user:secret@host},
 * and {@code redis://secret@host}, where Redis reads a lone user-info as the password),
 * the values of parameters whose name says they are secret ({@code password=}, {@code pwd=},
 * {@code secret=}, {@code token=}, {@code apikey=}, {@code api_key=}, {@code access_token=},
 * {@code routing-key=}, {@code routing_key=}, in URLs, JDBC property lists, {@code key=value} and
 * {@code key: value} text), and the credentials after {@code Bearer} or {@code Basic}.
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
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)(\\b(?:password|passwd|pwd|secret|token|apikey|api[_-]key|access[_-]token|routing[_-]key|auth)"
          + "\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&;,)\"'}]+)");
  private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)([A-Za-z0-9._~+/=\\-]{4,})");

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
    out = replace(SECRET_PARAM, out, 1, -1);
    out = replace(AUTH_SCHEME, out, 1, -1);
    return out;
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
