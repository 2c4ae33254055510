package dev.vitals.notifier.email;

import dev.vitals.api.Alert;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What an alert looks like as an e-mail: its subject, plain-text body, HTML body and threading ids. Pure
 * functions of the alert and the settings; stateless and thread-safe.
 *
 * <p>Threading: the first notification of an alert (firing, not a repeat) carries the alert's thread id
 * as its {@code Message-ID}; reminders and the resolve get their own id and name the thread id in
 * {@code In-Reply-To} and {@code References}. The thread id is derived from {@link Alert#dedupKey()} and
 * {@link Alert#startsAt()}, which the monitor keeps for the whole life of one alert, so every message of
 * one incident lands in one thread and a later incident of the same rule starts a new one.
 */
final class AlertMail {

  private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\p{Cntrl}\\s]");

  private AlertMail() {}

  /** One row of the details table. */
  private static final class Row {
    final String label;
    final String value;
    final boolean link;

    Row(String label, String value, boolean link) {
      this.label = label;
      this.value = value;
      this.link = link;
    }
  }

  /**
   * The subject line.
   *
   * @return for example {@code [vitals] FIRING critical: db probe-down}
   */
  static String subject(Alert alert, String prefix) {
    return oneLine(prefix) + ' ' + headline(alert);
  }

  /** The subject without its prefix: {@code FIRING critical: db probe-down}. */
  private static String headline(Alert alert) {
    return alert.state().name() + ' ' + severity(alert) + ": " + oneLine(alert.subject()) + ' ' + oneLine(alert.rule());
  }

  /**
   * The id of the thread all messages of one alert belong to.
   *
   * @param domain the right-hand side of the id, a dot-atom
   * @return for example {@code <vitals.probe-down%3Adb.1795773600000@example.com>}
   */
  static String threadId(Alert alert, String domain) {
    return "<vitals." + atom(alert.dedupKey()) + '.' + alert.startsAt().toEpochMilli() + '@' + domain + '>';
  }

  /**
   * The {@code Message-ID} of this notification: the thread id for the first one, a unique id for
   * reminders and the resolve (the same for the same notification, so a retried send keeps its id).
   */
  static String messageId(Alert alert, String domain) {
    if (startsThread(alert)) {
      return threadId(alert, domain);
    }
    String kind = alert.state() == Alert.State.RESOLVED ? "resolved" : "repeat";
    return "<vitals." + atom(alert.dedupKey()) + '.' + alert.startsAt().toEpochMilli() + '.' + kind + '.'
        + alert.time().toEpochMilli() + '@' + domain + '>';
  }

  /** Whether this notification is the first of its alert (and so the root of its thread). */
  static boolean startsThread(Alert alert) {
    return alert.state() == Alert.State.FIRING && !alert.repeat();
  }

  /** The plain-text body. */
  static String text(Alert alert) {
    StringBuilder sb = new StringBuilder(512);
    sb.append(headline(alert)).append("\n\n");
    sb.append(alert.summary()).append("\n\n");
    for (Row row : rows(alert)) {
      sb.append(String.format(Locale.ROOT, "%-10s %s", row.label + ':', row.value)).append('\n');
    }
    sb.append("\n-- \n").append(footer(alert)).append('\n');
    return sb.toString();
  }

  /** The HTML body: a small self-contained page, every value escaped. */
  static String html(Alert alert, String prefix) {
    String color = alert.state() == Alert.State.RESOLVED ? "#1b7f3b"
        : alert.severity() == Alert.Severity.CRITICAL ? "#b00020" : "#b26a00";
    StringBuilder sb = new StringBuilder(2048);
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(subject(alert, prefix))).append("</title></head>\n")
        .append("<body style=\"font-family:sans-serif;font-size:14px;color:#222\">\n")
        .append("<h2 style=\"color:").append(color).append(";margin:0 0 8px\">").append(escape(headline(alert)))
        .append("</h2>\n")
        .append("<p style=\"font-size:16px\">").append(escape(alert.summary())).append("</p>\n")
        .append("<table style=\"border-collapse:collapse\">\n");
    for (Row row : rows(alert)) {
      sb.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">")
          .append(escape(row.label)).append("</th><td style=\"padding:2px 0\">");
      if (row.link && isWebLink(row.value)) {
        sb.append("<a href=\"").append(escape(row.value)).append("\">").append(escape(row.value)).append("</a>");
      } else {
        sb.append(escape(row.value));
      }
      sb.append("</td></tr>\n");
    }
    sb.append("</table>\n<p style=\"color:#777;font-size:12px\">").append(escape(footer(alert)))
        .append("</p>\n</body></html>\n");
    return sb.toString();
  }

  private static List<Row> rows(Alert alert) {
    List<Row> rows = new ArrayList<>();
    String status = alert.state().name() + (alert.repeat() ? " (reminder: still firing)" : "");
    rows.add(new Row("Status", status, false));
    rows.add(new Row("Severity", severity(alert), false));
    rows.add(new Row("Subject", alert.subject(), false));
    rows.add(new Row("Rule", alert.rule(), false));
    rows.add(new Row("Value", value(alert), false));
    Duration lasted = Duration.between(alert.startsAt(), alert.time());
    if (alert.state() == Alert.State.RESOLVED) {
      rows.add(new Row("Since", timestamp(alert.startsAt()), false));
      rows.add(new Row("Resolved", timestamp(alert.time()) + " (after " + duration(lasted) + ")", false));
    } else {
      rows.add(new Row("Since", timestamp(alert.startsAt()) + " (for " + duration(lasted) + ")", false));
    }
    Optional<String> link = alert.link();
    link.ifPresent(l -> rows.add(new Row("Link", l, true)));
    if (!alert.labels().isEmpty()) {
      StringBuilder labels = new StringBuilder();
      for (Map.Entry<String, String> e : new TreeMap<>(alert.labels()).entrySet()) {
        if (labels.length() > 0) {
          labels.append(", ");
        }
        labels.append(e.getKey()).append('=').append(e.getValue());
      }
      rows.add(new Row("Labels", labels.toString(), false));
    }
    return rows;
  }

  private static String footer(Alert alert) {
    return "Sent by Vitals at " + timestamp(alert.time()) + " (alert " + alert.dedupKey() + ").";
  }

  private static String severity(Alert alert) {
    return alert.severity().name().toLowerCase(Locale.ROOT);
  }

  /** The value against its threshold, with the unit; ratios as percentages. */
  static String value(Alert alert) {
    String unit = alert.unit().trim();
    if (unit.equals("ratio")) {
      return number(alert.value() * 100) + " % (threshold " + number(alert.threshold() * 100) + " %)";
    }
    String suffix = unit.isEmpty() ? "" : " " + unit;
    return number(alert.value()) + suffix + " (threshold " + number(alert.threshold()) + suffix + ")";
  }

  /** A readable number: integers as such, others to four significant digits (one decimal from 1000 up). */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    if (Math.abs(v) >= 1000) {
      return new BigDecimal(v).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static String timestamp(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A duration such as {@code 2h 5m}, {@code 12m 5s} or {@code 0s}. */
  static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long days = s / 86_400;
    long hours = s / 3600 % 24;
    long minutes = s / 60 % 60;
    long seconds = s % 60;
    List<String> parts = new ArrayList<>();
    if (days > 0) {
      parts.add(days + "d");
    }
    if (hours > 0) {
      parts.add(hours + "h");
    }
    if (minutes > 0 && days == 0) {
      parts.add(minutes + "m");
    }
    if (seconds > 0 && days == 0 && hours == 0 || parts.isEmpty()) {
      parts.add(seconds + "s");
    }
    return String.join(" ", parts);
  }

  /** Text for a header or subject: control characters (line breaks included) become spaces. */
  static String oneLine(String s) {
    return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").trim();
  }

  /** HTML-escapes text for element content and quoted attribute values. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': sb.append("&amp;"); break;
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '"': sb.append("&quot;"); break;
        case '\'': sb.append("&#39;"); break;
        default: sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Only http and https links become clickable; anything else ({@code javascript:} ...) stays text. */
  private static boolean isWebLink(String link) {
    String l = link.trim().toLowerCase(Locale.ROOT);
    return (l.startsWith("https://") || l.startsWith("http://")) && !CONTROL_OR_SPACE.matcher(link.trim()).find();
  }

  /**
   * Text as the left part of a Message-ID (a dot-atom): letters, digits, {@code -} and {@code _} kept,
   * every other UTF-8 byte written {@code %XX}, so two keys never give the same id.
   */
  static String atom(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
