package dev.vitals.history.jdbc;

import dev.vitals.api.Redaction;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JDBC URLs as Vitals shows them: without credentials. Removes the user-info of
 * {@code //user:secret@host} (also in a host list), Oracle's {@code user/secret@}, and every
 * parameter that names a user or a secret ({@code ?user=}, {@code &password=}, {@code ;PASSWORD=},
 * {@code ;password={...}}), after masking whatever else {@link Redaction} recognises.
 *
 * <p>Stateless and thread-safe.
 */
final class JdbcUrls {

  private static final Pattern USER_INFO = Pattern.compile("(//|,)[^/?#;@,\\s]*@");
  private static final Pattern ORACLE_USER = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:)[^@/\\s]+(?:/[^@\\s]*)?@");
  private static final Pattern PARAM = Pattern.compile("([?&;])([A-Za-z0-9_.\\-]+)\\s*=\\s*(\\{[^}]*}?|[^&;]*)");

  private JdbcUrls() {}

  /**
   * A JDBC URL without its credentials.
   *
   * @param url a JDBC URL, may be null
   * @return the URL without user-info and without user or secret parameters; null for null
   */
  static String withoutCredentials(String url) {
    if (url == null) {
      return null;
    }
    // parameters first (Redaction does not know SQL Server's {braced} values), then Redaction as a
    // second line, then user-info (after the removal it would read "jdbc:oracle:thin:@db" as a password)
    String out = Redaction.redact(withoutCredentialParameters(url));
    out = USER_INFO.matcher(out).replaceAll("$1");
    return ORACLE_USER.matcher(out).replaceAll("$1@");
  }

  private static String withoutCredentialParameters(String out) {
    Matcher m = PARAM.matcher(out);
    StringBuilder sb = new StringBuilder(out.length());
    boolean queryOpen = false;
    int last = 0;
    while (m.find()) {
      sb.append(out, last, m.start());
      last = m.end();
      String sep = m.group(1);
      if (isCredential(m.group(2))) {
        if (sep.equals("?")) {
          queryOpen = true; // the next '&' parameter opens the query instead
        }
        continue;
      }
      if (queryOpen && sep.equals("&")) {
        sep = "?";
        queryOpen = false;
      } else if (sep.equals("?")) {
        queryOpen = false;
      }
      sb.append(sep).append(m.group(2)).append('=').append(m.group(3));
    }
    sb.append(out.substring(last));
    return sb.toString();
  }

  private static boolean isCredential(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("user") || n.equals("username") || n.equals("uid") || n.equals("password")
        || Redaction.isSecretName(n) || n.contains("password") || n.contains("passwd");
  }

  /**
   * A URL as a configuration error shows it: the password of its user-info and every secret
   * parameter masked, everything else as written (so the user recognises it).
   *
   * @param url any text
   * @return the text with passwords masked
   */
  static String masked(String url) {
    return Redaction.redact(url);
  }
}
