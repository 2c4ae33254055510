package dev.vitals.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The budgets of PRODUCT.md ("Budgets the library holds itself to") as decisions over one JMH run's
 * scores, and the comparison with a saved baseline. Pure: no I/O, so tests feed it synthetic scores.
 *
 * <p>Every budget is a ratio between benchmarks of the same run except start-up (20 ms) and the warm
 * Lambda invocation's overhead (300 µs, a difference between two benchmarks of the same run), the two
 * absolute limits. A budget whose benchmarks are missing from the run fails as "not measured":
 * a check that silently skips would pass a broken build.
 */
final class Budgets {

  /** Micrometer's default Timer.record must take at least this many times Vitals' record. */
  static final double MICROMETER_FACTOR = 4.0;
  /** Micrometer's Timer with percentiles must take at least this many times Vitals' record. */
  static final double PERCENTILES_FACTOR = 10.0;
  /** Vitals' record may take at most this many times a LongAdder increment. */
  static final double LONG_ADDER_FACTOR = 3.0;
  /** "No allocation": at most this many bytes per operation (one object is at least 16). */
  static final double MAX_ALLOC_BYTES = 4.0;
  /** Reading the report at 100 probes may take at most this many times the read at 10 probes ... */
  static final double READ_O1_FACTOR = 2.0;
  /** ... or at most this many nanoseconds more (a volatile read is about a nanosecond). */
  static final double READ_O1_SLACK_NANOS = 2.0;
  /** Start-up of a monitor with 10 probes, in milliseconds: the one absolute budget. */
  static final double STARTUP_MILLIS = 20.0;
  /** What VitalsLambda may add to a warm invocation, in microseconds (issue 17, "Cost"). */
  static final double LAMBDA_WARM_OVERHEAD_MICROS = 300.0;
  /** A benchmark more than this share worse than its baseline is a regression. */
  static final double REGRESSION = 0.20;

  static final String RECORD = "dev.vitals.bench.RecordBenchmark.";
  static final String READ = "dev.vitals.bench.ReportBenchmark.read";
  static final String STARTUP = "dev.vitals.bench.StartupBenchmark.coldStart";
  static final String LAMBDA = "dev.vitals.bench.LambdaBenchmark.";

  /** Methods that measure a peer or a floor rather than Vitals: their regressions only warn. */
  static final Set<String> PEER_METHODS = Set.of("baseline", "longAdder", "micrometer", "micrometerPercentiles",
      "dropwizard", "dropwizardSlidingWindow", "hdrRecorder", "readBaseline", "bareCall", "bare");

  enum Verdict { PASS, WARN, FAIL }

  /**
   * One decision.
   *
   * @param budget what is checked
   * @param measured the figure, with what it was computed from
   * @param limit the limit
   * @param verdict the outcome
   */
  record Check(String budget, String measured, String limit, Verdict verdict) {}

  private Budgets() {}

  /** The budget decisions for one run, then one line per regression against the baseline (may be empty). */
  static List<Check> evaluate(List<Score> run, List<Score> baseline) {
    Map<String, Score> byKey = new HashMap<>();
    for (Score s : run) {
      byKey.put(lookupKey(s.benchmark(), s.mode(), s.params()), s);
    }
    List<Check> checks = new ArrayList<>();
    String[][] threadClasses = {{"OneThread", "1 thread"}, {"TwoThreads", "2 threads"}};
    for (String[] t : threadClasses) {
      Score vitals = byKey.get(lookupKey(RECORD + t[0] + ".vitals", "avgt", Map.of()));
      Score micrometer = byKey.get(lookupKey(RECORD + t[0] + ".micrometer", "avgt", Map.of()));
      Score percentiles = byKey.get(lookupKey(RECORD + t[0] + ".micrometerPercentiles", "avgt", Map.of()));
      Score adder = byKey.get(lookupKey(RECORD + t[0] + ".longAdder", "avgt", Map.of()));
      checks.add(atLeastTimesFaster("record vs Micrometer Timer.record (" + t[1] + ")", vitals, micrometer,
          MICROMETER_FACTOR));
      checks.add(atLeastTimesFaster("record vs Micrometer Timer with percentiles (" + t[1] + ")", vitals,
          percentiles, PERCENTILES_FACTOR));
      checks.add(withinTimesOf("record vs LongAdder.increment (" + t[1] + ")", vitals, adder, LONG_ADDER_FACTOR));
      checks.add(noAllocation("record allocation (" + t[1] + ")", vitals));
    }
    Score read10 = byKey.get(lookupKey(READ, "avgt", Map.of("probes", "10")));
    Score read100 = byKey.get(lookupKey(READ, "avgt", Map.of("probes", "100")));
    checks.add(noAllocation("report read allocation (10 probes)", read10));
    checks.add(noAllocation("report read allocation (100 probes)", read100));
    checks.add(constantTime("report read O(1): 100 vs 10 probes", read10, read100));
    checks.add(startup(byKey.get(lookupKey(STARTUP, "ss", Map.of()))));
    checks.add(lambdaOverhead(byKey.get(lookupKey(LAMBDA + "bare", "avgt", Map.of())),
        byKey.get(lookupKey(LAMBDA + "wrapped", "avgt", Map.of()))));
    if (baseline != null) {
      checks.addAll(regressions(run, baseline));
    }
    return checks;
  }

  /** Whether no check failed (warnings pass). */
  static boolean passed(List<Check> checks) {
    return checks.stream().noneMatch(c -> c.verdict() == Verdict.FAIL);
  }

  /** The checks as an aligned text table. */
  static String table(List<Check> checks) {
    int w0 = "budget".length();
    int w1 = "measured".length();
    int w2 = "limit".length();
    for (Check c : checks) {
      w0 = Math.max(w0, c.budget().length());
      w1 = Math.max(w1, c.measured().length());
      w2 = Math.max(w2, c.limit().length());
    }
    String format = "%-" + w0 + "s  %-" + w1 + "s  %-" + w2 + "s  %s%n";
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, format, "budget", "measured", "limit", "verdict"));
    for (Check c : checks) {
      b.append(String.format(Locale.ROOT, format, c.budget(), c.measured(), c.limit(), c.verdict()));
    }
    long failed = checks.stream().filter(c -> c.verdict() == Verdict.FAIL).count();
    long warned = checks.stream().filter(c -> c.verdict() == Verdict.WARN).count();
    b.append(failed == 0 ? "ALL BUDGETS MET" : failed + " BUDGET(S) BROKEN")
        .append(warned == 0 ? "" : " (" + warned + " warning(s))").append(System.lineSeparator());
    return b.toString();
  }

  private static Check atLeastTimesFaster(String budget, Score vitals, Score peer, double factor) {
    String limit = ">= " + fmt(factor) + "x faster";
    if (missing(vitals) || missing(peer)) {
      return notMeasured(budget, limit);
    }
    double ratio = peer.nanosPerOp() / vitals.nanosPerOp();
    return new Check(budget, fmt(ratio) + "x (" + ns(peer) + " vs " + ns(vitals) + ")", limit,
        ratio >= factor ? Verdict.PASS : Verdict.FAIL);
  }

  private static Check withinTimesOf(String budget, Score vitals, Score floor, double factor) {
    String limit = "<= " + fmt(factor) + "x the floor";
    if (missing(vitals) || missing(floor)) {
      return notMeasured(budget, limit);
    }
    double ratio = vitals.nanosPerOp() / floor.nanosPerOp();
    return new Check(budget, fmt(ratio) + "x (" + ns(vitals) + " vs " + ns(floor) + ")", limit,
        ratio <= factor ? Verdict.PASS : Verdict.FAIL);
  }

  private static Check noAllocation(String budget, Score s) {
    String limit = "<= " + fmt(MAX_ALLOC_BYTES) + " B/op";
    if (missing(s) || Double.isNaN(s.allocBytesPerOp())) {
      return new Check(budget, s == null ? "not measured" : "not measured (run with -prof gc)", limit, Verdict.FAIL);
    }
    return new Check(budget, fmt(s.allocBytesPerOp()) + " B/op", limit,
        s.allocBytesPerOp() <= MAX_ALLOC_BYTES ? Verdict.PASS : Verdict.FAIL);
  }

  private static Check constantTime(String budget, Score small, Score large) {
    String limit = "<= " + fmt(READ_O1_FACTOR) + "x or +" + fmt(READ_O1_SLACK_NANOS) + " ns";
    if (missing(small) || missing(large)) {
      return notMeasured(budget, limit);
    }
    double a = small.nanosPerOp();
    double b = large.nanosPerOp();
    boolean ok = b <= a * READ_O1_FACTOR || b - a <= READ_O1_SLACK_NANOS;
    return new Check(budget, fmt(b / a) + "x (" + ns(large) + " vs " + ns(small) + ")", limit,
        ok ? Verdict.PASS : Verdict.FAIL);
  }

  private static Check startup(Score s) {
    String budget = "start-up, 10 probes, first in a fresh JVM (absolute)";
    String limit = "< " + fmt(STARTUP_MILLIS) + " ms";
    if (missing(s)) {
      return new Check(budget, "not measured", limit, Verdict.FAIL);
    }
    double ms = s.nanosPerOp() / 1e6;
    return new Check(budget, fmt(ms) + " ms", limit, ms < STARTUP_MILLIS ? Verdict.PASS : Verdict.FAIL);
  }

  private static Check lambdaOverhead(Score bare, Score wrapped) {
    String budget = "Lambda warm invocation: wrapped - bare (absolute)";
    String limit = "< " + fmt(LAMBDA_WARM_OVERHEAD_MICROS) + " us";
    if (missing(bare) || missing(wrapped)) {
      return notMeasured(budget, limit);
    }
    double micros = (wrapped.nanosPerOp() - bare.nanosPerOp()) / 1e3;
    return new Check(budget, fmt(micros) + " us (" + ns(wrapped) + " vs " + ns(bare) + ")", limit,
        micros < LAMBDA_WARM_OVERHEAD_MICROS ? Verdict.PASS : Verdict.FAIL);
  }

  /** Every score of the run that is more than {@link #REGRESSION} worse than the same score in the baseline. */
  static List<Check> regressions(List<Score> run, List<Score> baseline) {
    Map<String, Score> base = new HashMap<>();
    for (Score s : baseline) {
      base.put(s.key(), s);
    }
    List<Check> out = new ArrayList<>();
    int compared = 0;
    for (Score s : run) {
      Score b = base.get(s.key());
      if (b == null || !(s.score() > 0) || !(b.score() > 0) || !b.unit().equals(s.unit())) {
        continue;
      }
      compared++;
      double worse = s.lowerIsBetter() ? s.score() / b.score() - 1 : 1 - s.score() / b.score();
      if (worse > REGRESSION) {
        boolean peer = PEER_METHODS.contains(s.method());
        out.add(new Check("regression: " + s.key() + (peer ? " (peer: machine noise?)" : ""),
            String.format(Locale.ROOT, "%+.0f%% worse (%s vs %s %s)", worse * 100, fmt(s.score()), fmt(b.score()),
                s.unit()),
            "<= " + Math.round(REGRESSION * 100) + "% worse", peer ? Verdict.WARN : Verdict.FAIL));
      }
    }
    out.add(0, new Check("baseline comparison: " + compared + " score(s) compared", out.isEmpty()
        ? "no regression" : out.size() + " regression(s)", "<= " + Math.round(REGRESSION * 100) + "% worse",
        compared == 0 ? Verdict.FAIL : Verdict.PASS));
    return out;
  }

  private static Check notMeasured(String budget, String limit) {
    return new Check(budget, "not measured", limit, Verdict.FAIL);
  }

  private static boolean missing(Score s) {
    return s == null || !(s.score() > 0) || Double.isNaN(s.nanosPerOp());
  }

  private static String lookupKey(String benchmark, String mode, Map<String, String> params) {
    return benchmark + '|' + mode + '|' + new java.util.TreeMap<>(params);
  }

  private static String ns(Score s) {
    return fmt(s.nanosPerOp()) + " ns";
  }

  static String fmt(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
