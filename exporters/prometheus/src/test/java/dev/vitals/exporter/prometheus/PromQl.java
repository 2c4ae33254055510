package dev.vitals.exporter.prometheus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A scanner for PromQL expressions, enough to find every vector selector in a dashboard query: the
 * metric name, its label matchers, and whether it sits inside {@code rate}, {@code irate},
 * {@code increase} or {@code resets} (which need counters). It knows PromQL's aggregation operators,
 * keywords and grouping clauses, so that function names, label names in {@code by (...)} and
 * durations are not taken for metric names. Grafana variables ({@code $name}, {@code ${name}}) are
 * skipped outside strings and left as they are inside them.
 */
final class PromQl {

  /** One label matcher, such as {@code percentile="p95"}. */
  record Matcher(String label, String op, String value) {}

  /** One vector selector. {@code metric} is null for a selector given by matchers only. */
  record Selector(String metric, List<Matcher> matchers, boolean inCounterFunction) {}

  private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev",
      "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
  private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf",
      "nan", "start", "end");
  private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase", "resets");

  private enum Kind { IDENT, NUMBER, STRING, MATCHERS, RANGE, OPEN, CLOSE, OTHER }

  private record Token(Kind kind, String text, List<Matcher> matchers) {}

  private PromQl() {}

  static List<Selector> selectors(String expr) {
    List<Token> tokens = tokens(expr);
    List<Selector> out = new ArrayList<>();
    Deque<String> calls = new ArrayDeque<>();
    String pendingCall = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      switch (t.kind) {
        case IDENT:
          String word = t.text;
          if (GROUPING.contains(word)) {
            if (next != null && next.kind == Kind.OPEN) {
              i = matchingClose(tokens, i + 1, expr);
            }
          } else if (KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
            // an operator or a number
          } else if (AGGREGATIONS.contains(word) || (next != null && next.kind == Kind.OPEN)) {
            pendingCall = word;
          } else {
            List<Matcher> matchers = List.of();
            if (next != null && next.kind == Kind.MATCHERS) {
              matchers = next.matchers;
              i++;
            }
            out.add(new Selector(word, matchers, inCounterFunction(calls)));
          }
          break;
        case MATCHERS:
          out.add(new Selector(null, t.matchers, inCounterFunction(calls)));
          break;
        case OPEN:
          calls.push(pendingCall == null ? "" : pendingCall);
          pendingCall = null;
          break;
        case CLOSE:
          if (calls.isEmpty()) {
            throw new IllegalArgumentException("unbalanced ')' in: " + expr);
          }
          calls.pop();
          break;
        default:
          break;
      }
    }
    if (!calls.isEmpty()) {
      throw new IllegalArgumentException("unbalanced '(' in: " + expr);
    }
    return out;
  }

  private static boolean inCounterFunction(Deque<String> calls) {
    return calls.stream().anyMatch(COUNTER_FUNCTIONS::contains);
  }

  private static int matchingClose(List<Token> tokens, int open, String expr) {
    int depth = 0;
    for (int j = open; j < tokens.size(); j++) {
      if (tokens.get(j).kind == Kind.OPEN) {
        depth++;
      } else if (tokens.get(j).kind == Kind.CLOSE && --depth == 0) {
        return j;
      }
    }
    throw new IllegalArgumentException("unbalanced '(' in: " + expr);
  }

  private static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        int end = stringEnd(s, i);
        out.add(new Token(Kind.STRING, s.substring(i, end), null));
        i = end;
      } else if (c == '$') {
        i++;
        if (i < s.length() && s.charAt(i) == '{') {
          int end = s.indexOf('}', i);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed ${ in: " + s);
          }
          i = end + 1;
        } else {
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
          }
        }
        out.add(new Token(Kind.OTHER, "$", null));
      } else if (c == '[') {
        int end = s.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed [ in: " + s);
        }
        out.add(new Token(Kind.RANGE, s.substring(i, end + 1), null));
        i = end + 1;
      } else if (c == '{') {
        int[] end = new int[1];
        List<Matcher> matchers = matchers(s, i, end);
        out.add(new Token(Kind.MATCHERS, s.substring(i, end[0]), matchers));
        i = end[0];
      } else if (c == '(') {
        out.add(new Token(Kind.OPEN, "(", null));
        i++;
      } else if (c == ')') {
        out.add(new Token(Kind.CLOSE, ")", null));
        i++;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
            || ((s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(start, i), null));
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
          i++;
        }
        out.add(new Token(Kind.IDENT, s.substring(start, i), null));
      } else {
        out.add(new Token(Kind.OTHER, String.valueOf(c), null));
        i++;
      }
    }
    return out;
  }

  private static int stringEnd(String s, int start) {
    char quote = s.charAt(start);
    for (int j = start + 1; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\' && quote != '`') {
        j++;
      } else if (c == quote) {
        return j + 1;
      }
    }
    throw new IllegalArgumentException("unclosed string in: " + s);
  }

  private static String unquote(String literal) {
    char quote = literal.charAt(0);
    String body = literal.substring(1, literal.length() - 1);
    if (quote == '`') {
      return body;
    }
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < body.length(); j++) {
      char c = body.charAt(j);
      if (c == '\\' && j + 1 < body.length()) {
        char e = body.charAt(++j);
        sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Parses {@code {label op "value", ...}} starting at {@code open}; {@code end[0]} is set past the brace. */
  private static List<Matcher> matchers(String s, int open, int[] end) {
    List<Matcher> out = new ArrayList<>();
    int i = open + 1;
    while (true) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= s.length()) {
        throw new IllegalArgumentException("unclosed { in: " + s);
      }
      if (s.charAt(i) == '}') {
        end[0] = i + 1;
        return out;
      }
      int start = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      String label = s.substring(start, i);
      if (label.isEmpty() || Character.isDigit(label.charAt(0))) {
        throw new IllegalArgumentException("a label name expected at " + start + " in: " + s);
      }
      while (Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      String op;
      if (s.startsWith("=~", i) || s.startsWith("!=", i) || s.startsWith("!~", i)) {
        op = s.substring(i, i + 2);
      } else if (s.charAt(i) == '=') {
        op = "=";
      } else {
        throw new IllegalArgumentException("a matcher operator expected at " + i + " in: " + s);
      }
      i += op.length();
      while (Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      char q = s.charAt(i);
      if (q != '"' && q != '\'' && q != '`') {
        throw new IllegalArgumentException("a quoted label value expected at " + i + " in: " + s);
      }
      int valueEnd = stringEnd(s, i);
      out.add(new Matcher(label, op, unquote(s.substring(i, valueEnd))));
      i = valueEnd;
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
      }
    }
  }
}
