package dev.vitals.notifier.http.internal;

import dev.vitals.api.Redaction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the secrets of one notifier from text before it goes into an exception message: whatever
 * {@link Redaction} recognises, and every occurrence of the notifier's own secrets (the webhook URL,
 * its path and each path segment, header values, keys), plain or URL-encoded. Immutable and
 * thread-safe.
 */
public final class Scrubber {

  /** Secrets shorter than this are not searched for: they would mask ordinary words. */
  static final int MIN_SECRET = 6;

  private final List<String> secrets;

  /**
   * A scrubber for these secrets. Each secret is searched for as given and URL-encoded; a secret with
   * white space (such as {@code Bearer <token>}) is searched for by its longer words too. Secrets
   * shorter than 6 characters, and nulls, are ignored: they would mask ordinary words.
   *
   * @param secrets the notifier's secrets, not null; copied
   * @throws NullPointerException if {@code secrets} is null
   */
  public Scrubber(Collection<String> secrets) {
    Set<String> all = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_SECRET) {
        all.add(s);
        all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
        for (String part : s.split("\\s+")) {
          if (part.length() >= MIN_SECRET * 2) {
            all.add(part);
          }
        }
      }
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(sorted);
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
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, Redaction.MASK);
    }
    return Redaction.redact(out);
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
