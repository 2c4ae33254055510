package dev.vitals.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One benchmark's score from a JMH run, as JMH's JSON result file states it, or from a baseline file.
 *
 * @param benchmark the benchmark's full name, such as {@code dev.vitals.bench.RecordBenchmark.OneThread.vitals}
 * @param mode JMH's short mode name: {@code avgt}, {@code thrpt}, {@code ss}, {@code sample}
 * @param threads the number of threads
 * @param params the {@code @Param} values, sorted by name
 * @param score the primary score
 * @param error the primary score's error (99.9 %), NaN when unknown
 * @param unit the primary score's unit, such as {@code ns/op} or {@code ops/ns}
 * @param allocBytesPerOp {@code gc.alloc.rate.norm} from {@code -prof gc} in bytes per operation, NaN when not measured
 */
record Score(String benchmark, String mode, int threads, Map<String, String> params, double score, double error,
    String unit, double allocBytesPerOp) {

  Score {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(mode, "mode");
    params = Map.copyOf(new TreeMap<>(params));
    Objects.requireNonNull(unit, "unit");
  }

  /** The method name: the part of the benchmark's name after its last dot. */
  String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /** The name without the package: {@code RecordBenchmark.OneThread.vitals}. */
  String shortName() {
    String prefix = "dev.vitals.bench.";
    return benchmark.startsWith(prefix) ? benchmark.substring(prefix.length()) : benchmark;
  }

  /** What identifies the same measurement in two runs: name, mode, threads, params. */
  String key() {
    StringBuilder b = new StringBuilder(shortName()).append(' ').append(mode).append(" t=").append(threads);
    new TreeMap<>(params).forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    return b.toString();
  }

  /** Whether a lower score is better (time per operation) rather than higher (throughput). */
  boolean lowerIsBetter() {
    return !"thrpt".equals(mode);
  }

  /** The score in nanoseconds per operation, for time modes; NaN for throughput or unknown units. */
  double nanosPerOp() {
    switch (unit) {
      case "ns/op":
        return score;
      case "us/op":
        return score * 1e3;
      case "ms/op":
        return score * 1e6;
      case "s/op":
        return score * 1e9;
      default:
        return Double.NaN;
    }
  }

  /** Reads JMH's JSON result file ({@code -rf json}). */
  static List<Score> fromJmhJson(String json) {
    List<Score> out = new ArrayList<>();
    Object root = ToolJson.parse(json);
    if (!(root instanceof List)) {
      throw new IllegalArgumentException("a JMH result file is a JSON array");
    }
    for (Object o : (List<?>) root) {
      Map<?, ?> m = (Map<?, ?>) o;
      Map<?, ?> primary = (Map<?, ?>) m.get("primaryMetric");
      double alloc = Double.NaN;
      Object secondary = m.get("secondaryMetrics");
      if (secondary instanceof Map) {
        Object norm = ((Map<?, ?>) secondary).get("gc.alloc.rate.norm");
        if (norm instanceof Map) {
          alloc = ToolJson.number(((Map<?, ?>) norm).get("score"));
        }
      }
      out.add(new Score(String.valueOf(m.get("benchmark")), String.valueOf(m.get("mode")),
          (int) ToolJson.number(m.get("threads")), stringMap(m.get("params")), ToolJson.number(primary.get("score")),
          ToolJson.number(primary.get("scoreError")), String.valueOf(primary.get("scoreUnit")), alloc));
    }
    return out;
  }

  /** Reads a baseline file written by {@link #toBaselineJson}. */
  static List<Score> fromBaselineJson(String json) {
    Object root = ToolJson.parse(json);
    if (!(root instanceof Map) || !(((Map<?, ?>) root).get("scores") instanceof List)) {
      throw new IllegalArgumentException("a baseline file is a JSON object with a \"scores\" array");
    }
    List<Score> out = new ArrayList<>();
    for (Object o : (List<?>) ((Map<?, ?>) root).get("scores")) {
      Map<?, ?> m = (Map<?, ?>) o;
      out.add(new Score(String.valueOf(m.get("benchmark")), String.valueOf(m.get("mode")),
          (int) ToolJson.number(m.get("threads")), stringMap(m.get("params")), ToolJson.number(m.get("score")),
          ToolJson.number(m.get("error")), String.valueOf(m.get("unit")), ToolJson.number(m.get("allocBytesPerOp"))));
    }
    return out;
  }

  /** Writes scores as a baseline file. */
  static String toBaselineJson(List<Score> scores, String date, String machine) {
    List<Object> list = new ArrayList<>();
    for (Score s : scores) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("benchmark", s.benchmark());
      m.put("mode", s.mode());
      m.put("threads", s.threads());
      m.put("params", new TreeMap<>(s.params()));
      m.put("score", s.score());
      m.put("error", s.error());
      m.put("unit", s.unit());
      m.put("allocBytesPerOp", s.allocBytesPerOp());
      list.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("date", date);
    root.put("machine", machine);
    root.put("scores", list);
    return ToolJson.write(root);
  }

  private static Map<String, String> stringMap(Object o) {
    Map<String, String> m = new TreeMap<>();
    if (o instanceof Map) {
      ((Map<?, ?>) o).forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
    }
    return m;
  }
}
