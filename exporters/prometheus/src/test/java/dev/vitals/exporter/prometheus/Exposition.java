package dev.vitals.exporter.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A strict little parser of the Prometheus text format and OpenMetrics text, written from the
 * format descriptions, to read our output back: samples with unescaped label values, and the HELP,
 * TYPE and UNIT lines of each family.
 */
final class Exposition {

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  final List<Sample> samples = new ArrayList<>();
  final Map<String, String> help = new LinkedHashMap<>();
  final Map<String, String> type = new LinkedHashMap<>();
  final Map<String, String> unit = new LinkedHashMap<>();
  boolean eof;

  static Exposition parse(String text) {
    Exposition e = new Exposition();
    String[] lines = text.split("\n", -1);
    if (!lines[lines.length - 1].isEmpty()) {
      throw new IllegalArgumentException("exposition does not end with a newline");
    }
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      if (e.eof) {
        throw new IllegalArgumentException("line after # EOF: " + line);
      }
      if (line.equals("# EOF")) {
        e.eof = true;
      } else if (line.startsWith("# HELP ")) {
        String[] p = line.substring(7).split(" ", 2);
        put(e.help, p[0], p.length > 1 ? p[1] : "", line);
      } else if (line.startsWith("# TYPE ")) {
        String[] p = line.substring(7).split(" ", 2);
        put(e.type, p[0], p[1], line);
      } else if (line.startsWith("# UNIT ")) {
        String[] p = line.substring(7).split(" ", 2);
        put(e.unit, p[0], p[1], line);
      } else if (line.startsWith("#") || line.isEmpty()) {
        throw new IllegalArgumentException("unexpected line " + (i + 1) + ": " + line);
      } else {
        e.samples.add(sample(line));
      }
    }
    return e;
  }

  private static void put(Map<String, String> map, String key, String value, String line) {
    if (map.put(key, value) != null) {
      throw new IllegalArgumentException("repeated metadata: " + line);
    }
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_'
        || line.charAt(i) == ':')) {
      i++;
    }
    String name = line.substring(0, i);
    if (name.isEmpty() || !name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("bad metric name in: " + line);
    }
    Map<String, String> labels = new TreeMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq);
        if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
          throw new IllegalArgumentException("bad label name '" + label + "' in: " + line);
        }
        if (line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("unquoted label value in: " + line);
        }
        StringBuilder v = new StringBuilder();
        int j = eq + 2;
        for (;; j++) {
          char c = line.charAt(j);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            char n = line.charAt(++j);
            switch (n) {
              case '\\':
                v.append('\\');
                break;
              case '"':
                v.append('"');
                break;
              case 'n':
                v.append('\n');
                break;
              default:
                throw new IllegalArgumentException("bad escape \\" + n + " in: " + line);
            }
          } else {
            v.append(c);
          }
        }
        if (labels.put(label, v.toString()) != null) {
          throw new IllegalArgumentException("repeated label in: " + line);
        }
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    if (line.charAt(i) != ' ') {
      throw new IllegalArgumentException("no space before the value in: " + line);
    }
    String[] rest = line.substring(i + 1).split(" ");
    double value;
    switch (rest[0]) {
      case "NaN":
        value = Double.NaN;
        break;
      case "+Inf":
        value = Double.POSITIVE_INFINITY;
        break;
      case "-Inf":
        value = Double.NEGATIVE_INFINITY;
        break;
      default:
        value = Double.parseDouble(rest[0]);
        break;
    }
    return new Sample(name, labels, value);
  }

  /** The samples of one metric name. */
  List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The value of the one sample with a name and exactly these labels. */
  Optional<Double> value(String name, String... labels) {
    Map<String, String> want = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      want.put(labels[i], labels[i + 1]);
    }
    List<Double> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(want))
        .map(Sample::value).toList();
    if (found.size() > 1) {
      throw new IllegalStateException("duplicate series " + name + want);
    }
    return found.stream().findFirst();
  }
}
