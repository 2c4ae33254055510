package dev.vitals.exporter.http;

import java.util.Locale;

/**
 * How much a health answer shows ({@code vitals.http.details}).
 *
 * <p>Without details an answer still lists each check's name and status, so a load balancer or a
 * Kubernetes probe works the same; only latencies, scores, messages and probe details are left out.
 */
public enum Details {
  /** Name and status of each check only (the default). */
  NEVER,
  /** Everything: scores, latencies, error rates, availability, messages and probe details. */
  ALWAYS,
  /**
   * Everything for a request carrying {@code Authorization: Bearer <vitals.http.token>}; name and
   * status only for any other request.
   */
  AUTHORIZED;

  /**
   * The lower-case name used in configuration.
   *
   * @return {@code never}, {@code always} or {@code authorized}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configuration value, ignoring case and surrounding blanks.
   *
   * @param text {@code never}, {@code always} or {@code authorized}
   * @return the value
   * @throws IllegalArgumentException naming the text and the allowed values when it is none of them
   */
  public static Details parse(String text) {
    String t = text == null ? "" : text.trim();
    for (Details d : values()) {
      if (d.name().equalsIgnoreCase(t)) {
        return d;
      }
    }
    throw new IllegalArgumentException("Unknown details level '" + text + "'; allowed: " + ALLOWED);
  }

  /** What {@link #parse(String)} accepts, for error messages. */
  static final String ALLOWED = "never, always or authorized";
}
