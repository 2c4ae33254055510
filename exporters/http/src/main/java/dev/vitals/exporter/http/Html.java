package dev.vitals.exporter.http;

/** Escaping for the status page's HTML. Stateless and thread-safe. */
final class Html {

  private Html() {}

  /**
   * Escapes text for HTML element content and double- or single-quoted attribute values.
   *
   * @param text any text, may be null
   * @return the escaped text; empty for null
   */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String r;
      switch (c) {
        case '&':
          r = "&amp;";
          break;
        case '<':
          r = "&lt;";
          break;
        case '>':
          r = "&gt;";
          break;
        case '"':
          r = "&quot;";
          break;
        case '\'':
          r = "&#39;";
          break;
        default:
          // Control characters other than tab and newlines are not allowed in HTML text.
          r = c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? "\uFFFD" : null;
          break;
      }
      if (r != null) {
        if (sb == null) {
          sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        sb.append(r);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }
}
