package dev.vitals.api;

import java.util.Locale;

/**
 * What a probe tells Kubernetes about: a probe <i>has</i> kinds (configuration key {@code kinds},
 * {@link ProbeReport#kinds()}), and the probes of one kind <i>form</i> its group, whose status is
 * {@link HealthReport#status(ProbeKind)} and {@code /health/live}, {@code /health/ready},
 * {@code /health/started}. One idea, two words for its two sides: a kind is a probe's, a group is the
 * set of probes of a kind. A probe may have several kinds; by default it has {@link #READINESS} only,
 * so that a dead dependency never gets a healthy process restarted by a liveness probe.
 */
public enum ProbeKind {
  /** The process is alive and should not be restarted ({@code /health/live}). */
  LIVENESS,
  /** The service can take traffic ({@code /health/ready}). */
  READINESS,
  /** The service has finished starting ({@code /health/started}). */
  STARTUP;

  /**
   * The lower-case name used in configuration and JSON.
   *
   * @return {@code "liveness"}, {@code "readiness"} or {@code "startup"}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a kind name, ignoring case and surrounding blanks.
   *
   * @param text one of {@code liveness}, {@code readiness}, {@code startup}
   * @return the kind
   * @throws IllegalArgumentException naming the text and the allowed values when it is none of them
   */
  public static ProbeKind parse(String text) {
    String t = text == null ? "" : text.trim();
    for (ProbeKind k : values()) {
      if (k.name().equalsIgnoreCase(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "Unknown probe kind '" + text + "'; allowed: liveness, readiness, startup");
  }
}
