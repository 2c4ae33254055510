package dev.vitals.notifier.email;

import dev.vitals.api.Baseline;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.SloReport;
import dev.vitals.api.SubjectSummary;
import dev.vitals.api.Summary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What a daily or weekly {@link Summary} looks like as an e-mail: its subject, plain-text body and HTML
 * body. Pure functions of the summary and the subject prefix; stateless and thread-safe.
 *
 * <p>Per probe and tracker: availability (and the time not observed, when any), p95 latency against its
 * budget, error rate, incidents with start, end, duration and message, the error budget left of the
 * objectives measured on it, and the p95 against its recorded baseline. Times are shown in the
 * summary's zone. The HTML uses inline CSS only, no external asset, and escapes every value.
 */
final class SummaryMail {

  /** How many problems the subject names before "and N more". */
  private static final int SUBJECT_ITEMS = 3;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

  private static final String OK = "#1b7f3b";
  private static final String BAD = "#b00020";
  private static final String MUTED = "#777";

  private SummaryMail() {}

  /**
   * The subject line.
   *
   * @return for example {@code [vitals] Daily summary 2026-12-02: all good} or
   *     {@code [vitals] Daily summary 2026-12-02: 2 incidents, api p95 over budget}
   */
  static String subject(Summary s, String prefix) {
    return AlertMail.oneLine(prefix) + ' ' + headline(s);
  }

  /** The subject without its prefix. */
  static String headline(Summary s) {
    return AlertMail.oneLine(title(s) + ": " + verdict(s));
  }

  /** {@code Daily summary 2026-12-02} or {@code Weekly summary 2026-11-30 to 2026-12-06}. */
  static String title(Summary s) {
    if (s.period() == Summary.Period.DAILY) {
      return "Daily summary " + s.firstDay();
    }
    return "Weekly summary " + s.firstDay() + " to " + s.to().atZone(s.zone()).toLocalDate().minusDays(1);
  }

  /** {@code all good}, or the problems: incidents first, then each subject's, then the objectives'. */
  static String verdict(Summary s) {
    List<String> items = problems(s);
    if (items.isEmpty()) {
      return "all good";
    }
    if (items.size() > SUBJECT_ITEMS + 1) {
      int more = items.size() - SUBJECT_ITEMS;
      items = new ArrayList<>(items.subList(0, SUBJECT_ITEMS));
      items.add("and " + more + " more");
    }
    return String.join(", ", items);
  }

  /** Everything that keeps the summary from being all good, shortest wording. */
  static List<String> problems(Summary s) {
    List<String> out = new ArrayList<>();
    int incidents = 0;
    for (SubjectSummary sub : s.subjects()) {
      incidents += sub.incidents().size();
    }
    if (incidents > 0) {
      out.add(incidents + (incidents == 1 ? " incident" : " incidents"));
    }
    for (SubjectSummary sub : s.subjects()) {
      String name = sub.subject().name();
      if (sub.overBudget()) {
        out.add(name + " p95 over budget");
      }
      if (sub.regressed()) {
        out.add(name + " p95 regressed");
      }
      if (sub.figures().errorRate().orElse(0) > SubjectSummary.ERROR_RATE_LIMIT) {
        out.add(name + " error rate " + percent(sub.figures().errorRate().getAsDouble()));
      }
    }
    for (SloReport slo : s.slos()) {
      if (slo.errorBudgetRemaining() <= 0) {
        out.add(slo.name() + " error budget spent");
      }
    }
    return out;
  }

  /** The plain-text body. */
  static String text(Summary s) {
    StringBuilder sb = new StringBuilder(2048);
    sb.append(headline(s)).append("\n\n");
    sb.append(intro(s)).append('\n');
    sb.append("Service now: ").append(s.status()).append(", score ").append(AlertMail.number(s.score())).append("\n\n");
    if (s.subjects().isEmpty()) {
      sb.append("No probe or tracker has history for this period.\n\n");
    }
    for (SubjectSummary sub : s.subjects()) {
      sb.append(label(sub.subject())).append(sub.allGood() ? "" : "  [needs attention]").append('\n');
      for (String[] row : rows(s, sub)) {
        sb.append(String.format(Locale.ROOT, "  %-14s %s", row[0] + ':', row[1])).append('\n');
      }
      for (Incident i : sub.incidents()) {
        sb.append("    - ").append(incident(s, i)).append('\n');
      }
      sb.append('\n');
    }
    List<SloReport> others = unattachedSlos(s);
    if (!others.isEmpty()) {
      sb.append("Objectives\n");
      for (SloReport slo : others) {
        sb.append("  ").append(slo(slo)).append('\n');
      }
      sb.append('\n');
    }
    sb.append("-- \n").append(footer(s)).append('\n');
    return sb.toString();
  }

  /** The HTML body: a small self-contained page, inline CSS, every value escaped. */
  static String html(Summary s, String prefix) {
    String color = s.allGood() ? OK : BAD;
    StringBuilder sb = new StringBuilder(4096);
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(subject(s, prefix)))
        .append("</title></head>\n<body style=\"font-family:sans-serif;font-size:14px;color:#222\">\n")
        .append("<h2 style=\"margin:0 0 4px\">").append(esc(title(s))).append("</h2>\n")
        .append("<p style=\"font-size:16px;font-weight:bold;color:").append(color).append(";margin:0 0 8px\">")
        .append(esc(s.allGood() ? "All good" : capitalize(verdict(s)))).append("</p>\n")
        .append("<p style=\"color:").append(MUTED).append(";margin:0 0 12px\">").append(esc(intro(s)))
        .append("<br>Service now: ").append(esc(s.status().name())).append(", score ")
        .append(esc(AlertMail.number(s.score()))).append("</p>\n");
    if (s.subjects().isEmpty()) {
      sb.append("<p>No probe or tracker has history for this period.</p>\n");
    }
    for (SubjectSummary sub : s.subjects()) {
      sb.append("<h3 style=\"margin:16px 0 4px;color:").append(sub.allGood() ? "#222" : BAD).append("\">")
          .append(esc(label(sub.subject()))).append("</h3>\n<table style=\"border-collapse:collapse\">\n");
      for (String[] row : rows(s, sub)) {
        sb.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top;font-weight:normal;color:")
            .append(MUTED).append("\">").append(esc(row[0])).append("</th><td style=\"padding:2px 0\">")
            .append(esc(row[1])).append("</td></tr>\n");
      }
      sb.append("</table>\n");
      if (!sub.incidents().isEmpty()) {
        sb.append("<ul style=\"margin:4px 0;padding-left:20px\">\n");
        for (Incident i : sub.incidents()) {
          sb.append("<li>").append(esc(incident(s, i))).append("</li>\n");
        }
        sb.append("</ul>\n");
      }
    }
    List<SloReport> others = unattachedSlos(s);
    if (!others.isEmpty()) {
      sb.append("<h3 style=\"margin:16px 0 4px\">Objectives</h3>\n<ul style=\"margin:4px 0;padding-left:20px\">\n");
      for (SloReport slo : others) {
        sb.append("<li>").append(esc(slo(slo))).append("</li>\n");
      }
      sb.append("</ul>\n");
    }
    sb.append("<p style=\"color:").append(MUTED).append(";font-size:12px;margin-top:16px\">").append(esc(footer(s)))
        .append("</p>\n</body></html>\n");
    return sb.toString();
  }

  private static String intro(Summary s) {
    return "From " + TIME.format(s.from().atZone(s.zone())) + " to " + TIME.format(s.to().atZone(s.zone()))
        + " (" + s.zone().getId() + ").";
  }

  private static String footer(Summary s) {
    return "Sent by Vitals at " + s.madeAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " ("
        + s.period().name().toLowerCase(Locale.ROOT) + " summary of " + s.firstDay() + ").";
  }

  private static String label(HistorySubject subject) {
    return subject.name() + (subject.kind() == HistorySubject.Kind.PROBE ? " (probe)" : " (tracker)");
  }

  /** The figures of one subject as label/value rows. */
  private static List<String[]> rows(Summary s, SubjectSummary sub) {
    HistoryPeriod f = sub.figures();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Availability", availability(f)});
    rows.add(new String[] {"p95 latency", latency(sub)});
    OptionalDouble errorRate = f.errorRate();
    rows.add(new String[] {"Error rate", errorRate.isEmpty() ? "no operations"
        : percent(errorRate.getAsDouble()) + " (" + f.errors() + " of " + f.count() + ")"
            + (errorRate.getAsDouble() > SubjectSummary.ERROR_RATE_LIMIT ? ", above 5 %" : "")});
    rows.add(new String[] {"Incidents", sub.incidents().isEmpty() ? "none" : Integer.toString(sub.incidents().size())});
    if (sub.subject().kind() == HistorySubject.Kind.TRACKER) {
      for (SloReport slo : s.slos()) {
        if (slo.tracker().equals(sub.subject().name())) {
          rows.add(new String[] {"SLO " + slo.name(), budgetLeft(slo)});
        }
      }
    }
    sub.baseline().ifPresent(b -> rows.add(new String[] {"Baseline", baseline(sub, b)}));
    return rows;
  }

  private static String availability(HistoryPeriod f) {
    OptionalDouble a = f.availability();
    String text = a.isEmpty() ? "not observed" : percent(a.getAsDouble());
    long notObserved = f.notObservedMillis();
    if (a.isPresent() && notObserved > 0) {
      text += " (not observed for " + AlertMail.duration(Duration.ofMillis(notObserved)) + ")";
    }
    return text;
  }

  private static String latency(SubjectSummary sub) {
    long p95 = sub.figures().latency().percentileNanos(0.95);
    if (p95 < 0) {
      return "no operations";
    }
    String text = millis(p95);
    if (sub.budget().isPresent()) {
      LatencyBudget b = sub.budget().get();
      String verdict = b.exceeds(p95) ? "OVER BUDGET" : p95 > b.targetNanos() ? "above target" : "within target";
      text += " (budget " + millis(b.targetNanos()) + " target / " + millis(b.acceptableNanos()) + " acceptable: "
          + verdict + ")";
    }
    return text;
  }

  private static String baseline(SubjectSummary sub, Baseline b) {
    long p95 = sub.figures().latency().percentileNanos(0.95);
    String text = "p95 " + millis(b.p95Nanos()) + " recorded " + b.recordedAt().atZone(java.time.ZoneOffset.UTC)
        .toLocalDate();
    if (sub.regressed()) {
      return text + ": REGRESSED" + (b.p95Nanos() > 0 ? " (p95 +" + percent((double) p95 / b.p95Nanos() - 1) + ")" : "");
    }
    return text + (p95 < 0 ? "" : ": no regression");
  }

  private static String incident(Summary s, Incident i) {
    String start = TIME.format(i.start().atZone(s.zone()));
    String message = i.message().isBlank() ? "" : ": " + i.message();
    if (i.end().isPresent()) {
      return i.worst() + " from " + start + " to " + TIME.format(i.end().get().atZone(s.zone())) + " ("
          + AlertMail.duration(i.duration(i.end().get())) + ")" + message;
    }
    return i.worst() + " since " + start + ", still open (" + AlertMail.duration(i.duration(s.madeAt()))
        + " so far)" + message;
  }

  private static String slo(SloReport slo) {
    return slo.name() + " (" + slo.tracker() + "): " + budgetLeft(slo);
  }

  private static String budgetLeft(SloReport slo) {
    String objective = percent(slo.objective()) + " over " + AlertMail.duration(slo.window());
    if (slo.errorBudgetRemaining() <= 0) {
      return "error budget spent (objective " + objective + ")";
    }
    return percent(slo.errorBudgetRemaining()) + " of the error budget left (objective " + objective + ")";
  }

  /** Objectives on trackers that are not in the summary: listed on their own. */
  private static List<SloReport> unattachedSlos(Summary s) {
    List<SloReport> out = new ArrayList<>();
    for (SloReport slo : s.slos()) {
      boolean attached = false;
      for (SubjectSummary sub : s.subjects()) {
        if (sub.subject().kind() == HistorySubject.Kind.TRACKER && sub.subject().name().equals(slo.tracker())) {
          attached = true;
        }
      }
      if (!attached) {
        out.add(slo);
      }
    }
    return out;
  }

  /** A ratio as a percentage, rounded down to three decimals, so that 99.9996 % never reads 100 %. */
  static String percent(double ratio) {
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      return String.valueOf(ratio);
    }
    BigDecimal p = new BigDecimal(ratio * 100).setScale(3, RoundingMode.FLOOR).stripTrailingZeros();
    return (p.signum() == 0 ? "0" : p.toPlainString()) + " %";
  }

  private static String millis(long nanos) {
    return AlertMail.number(nanos / 1_000_000.0) + " ms";
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String esc(String s) {
    return AlertMail.escape(s);
  }
}
