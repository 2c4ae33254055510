package dev.vitals.notifier.http.internal;

import dev.vitals.api.Redaction;
import dev.vitals.api.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Removes the secrets of one notifier from text before it goes into an exception message: every
 * occurrence of the notifier's own secrets (the webhook URL, its path segments, header values, keys)
 * in the forms {@link Secrets} searches for, then whatever {@link Redaction} recognises. One rule with
 * the engine's: this is {@link Secrets} over the notifier's values. Immutable and thread-safe.
 */
public final class Scrubber {

  private final Secrets secrets;

  /**
   * A scrubber for these secrets (see {@link Secrets#of(Collection)}: values shorter than
   * {@value Secrets#MIN_LENGTH} characters, and nulls, are ignored: they would mask ordinary words).
   *
   * @param secrets the notifier's secrets, not null; copied
   * @throws NullPointerException if {@code secrets} is null
   */
  public Scrubber(Collection<String> secrets) {
    this.secrets = Secrets.of(secrets);
  }

  /**
   * Removes every secret from a text.
   *
   * @param text any text, may be null
   * @return the text with each secret, and whatever {@link Redaction#redact(String)} recognises,
   *     replaced by {@link Redaction#MASK}; null for null
   */
  public String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return secrets.scrub(text);
  }

  /**
   * A short excerpt of a response body for an error message: decoded as UTF-8, scrubbed, with
   * whitespace and control characters collapsed to single spaces, at most {@code max} characters.
   */
  String excerpt(byte[] body, int max) {
    String text = scrub(new String(body, StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 3);
    boolean space = false;
    boolean cut = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = sb.length() > 0;
        continue;
      }
      if (sb.length() + (space ? 1 : 0) >= max) {
        cut = true;
        break;
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      sb.append(c);
    }
    if (cut && Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
      sb.setLength(sb.length() - 1);
    }
    return cut ? sb.append("...").toString() : sb.toString();
  }
}
