package dev.vitals.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert notification: a rule fired, is still firing (a repeat), or resolved, for one subject.
 *
 * <p>Alerts are deduplicated by {@link #dedupKey()} ({@code rule:subject}, or
 * {@code rule:tracker:subject} for a tracker): a notifier that talks to
 * an incident tool (PagerDuty's {@code dedup_key}) uses it to tie a resolve to its trigger. Every text
 * in an alert is redacted; an alert carries no secrets.
 *
 * @param rule the rule's name: {@code probe-down}, {@code latency}, {@code error-rate},
 *     {@code availability}, {@code cold-start}, {@code regression}, {@code slo-burn} ...
 * @param subject what it is about: a probe's or tracker's name, or {@code service}
 * @param state {@link State#FIRING} or {@link State#RESOLVED}
 * @param severity {@link Severity#CRITICAL} or {@link Severity#WARNING}
 * @param summary one readable line, such as {@code "db p95 240 ms is above 2x its 50 ms target (100 ms)"}
 * @param value the observed value, in {@code unit}
 * @param threshold the threshold it was compared with, in {@code unit}
 * @param unit the unit of value and threshold: {@code ms}, {@code ratio}, {@code status} ...
 * @param startsAt when the condition started to hold
 * @param time when this notification was made
 * @param repeat true when this is a reminder of an alert already sent
 * @param link where to look (the status page), if the monitor knows its URL
 * @param labels extra labels (probe type, kind ...), possibly empty
 */
public record Alert(String rule, String subject, State state, Severity severity, String summary, double value,
    double threshold, String unit, Instant startsAt, Instant time, boolean repeat, Optional<String> link,
    Map<String, String> labels) {

  /**
   * Checks for nulls, redacts the summary and copies the labels.
   *
   * @param rule see {@link #rule()}
   * @param subject see {@link #subject()}
   * @param state see {@link #state()}
   * @param severity see {@link #severity()}
   * @param summary see {@link #summary()}
   * @param value see {@link #value()}
   * @param threshold see {@link #threshold()}
   * @param unit see {@link #unit()}
   * @param startsAt see {@link #startsAt()}
   * @param time see {@link #time()}
   * @param repeat see {@link #repeat()}
   * @param link see {@link #link()}
   * @param labels see {@link #labels()}
   */
  public Alert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(severity, "severity");
    summary = Redaction.redact(Objects.requireNonNull(summary, "summary"));
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(link, "link");
    labels = Map.copyOf(labels);
  }

  /**
   * The key that ties the notifications of one alert together. A tracker's alerts carry the label
   * {@code kind = tracker} and a key of their own, so a probe and a tracker of the same name never
   * share one.
   *
   * @return {@code rule + ":" + subject}, or {@code rule + ":tracker:" + subject} for a tracker
   */
  public String dedupKey() {
    return "tracker".equals(labels.get("kind")) ? rule + ":tracker:" + subject : rule + ":" + subject;
  }

  /** Whether an alert is firing or resolved. */
  public enum State {
    /** The condition holds (first notification or a repeat). */
    FIRING,
    /** The condition no longer holds. */
    RESOLVED
  }

  /** How urgent an alert is. */
  public enum Severity {
    /** Someone should act now (a critical probe down, an SLO burning fast). */
    CRITICAL,
    /** Someone should look (a budget exceeded, a regression). */
    WARNING
  }
}
