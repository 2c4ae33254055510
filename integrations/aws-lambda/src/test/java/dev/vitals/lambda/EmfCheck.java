package dev.vitals.lambda;

import dev.vitals.test.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks text against the CloudWatch Embedded Metric Format specification
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * rule by rule, and returns the records parsed. Written apart from {@link EmfRecords}, so that a bug in
 * the writer cannot hide in the checker. Used by this module's tests and by examples/aws-lambda's (a test
 * jar). Stateless.
 *
 * <p>The rules: a record is one line holding exactly one JSON object (RFC 8259) of at most 256 KB (a
 * Lambda log event; the specification allows 1 MB elsewhere); its root has {@code _aws}, an object with a
 * {@code Timestamp} (a non-negative integer, epoch milliseconds) and {@code CloudWatchMetrics}, an array of
 * 1 or more metric directives; a directive has exactly {@code Namespace} (1 to 1,024 characters, not
 * starting with {@code AWS/}), {@code Dimensions} (an array of dimension sets, each an array of 1 to 30
 * distinct strings) and {@code Metrics} (1 to 100 definitions), and nothing else; a definition has
 * {@code Name} (1 to 1,024 characters), an optional {@code Unit} from CloudWatch's list and an optional
 * {@code StorageResolution} of 1 or 60, and nothing else; every dimension named is a root member whose
 * value is a string of 1 to 1,024 characters; every metric named is a root member whose value is a number
 * or an array of at most 100 numbers; metric names are unique within a directive.
 */
public final class EmfCheck {

  /** CloudWatch's units (the MetricDatum Unit enumeration). */
  public static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
      "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
      "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
      "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
      "None");

  /** A Lambda log event's limit. */
  public static final int MAX_EVENT_BYTES = 256 * 1024;

  private EmfCheck() {}

  /**
   * The EMF records among some output's lines (lines starting with <code>{"_aws"</code>), each checked.
   *
   * @param output what a function printed
   * @return the records, parsed, in order
   * @throws AssertionError naming the record and the rule it breaks
   */
  public static List<Map<String, Object>> records(String output) {
    List<Map<String, Object>> out = new ArrayList<>();
    int n = 0;
    for (String line : output.split("\n", -1)) {
      n++;
      if (line.startsWith("{\"_aws\"")) {
        out.add(check(line, "line " + n));
      }
    }
    return out;
  }

  /**
   * Checks one record.
   *
   * @param line the record's text, one line
   * @param where how to name it in a failure
   * @return the parsed record
   * @throws AssertionError naming the rule it breaks
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> check(String line, String where) {
    rule(!line.contains("\n") && !line.contains("\r"), where, "a record is one line");
    rule(line.getBytes(StandardCharsets.UTF_8).length <= MAX_EVENT_BYTES, where, "at most 256 KB");
    Object parsed;
    try {
      parsed = Json.parse(line);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(where + ": not valid JSON: " + e.getMessage() + "\n" + line, e);
    }
    rule(parsed instanceof Map, where, "the root is a JSON object");
    Map<String, Object> root = (Map<String, Object>) parsed;
    rule(root.get("_aws") instanceof Map, where, "_aws is an object");
    Map<String, Object> aws = (Map<String, Object>) root.get("_aws");
    rule(aws.get("Timestamp") instanceof BigDecimal, where, "_aws.Timestamp is a number");
    BigDecimal ts = (BigDecimal) aws.get("Timestamp");
    rule(ts.signum() >= 0 && ts.stripTrailingZeros().scale() <= 0, where, "_aws.Timestamp is whole milliseconds");
    rule(aws.get("CloudWatchMetrics") instanceof List, where, "_aws.CloudWatchMetrics is an array");
    List<Object> directives = (List<Object>) aws.get("CloudWatchMetrics");
    rule(!directives.isEmpty(), where, "at least one metric directive");
    for (Object d : directives) {
      rule(d instanceof Map, where, "a metric directive is an object");
      directive((Map<String, Object>) d, root, where);
    }
    return root;
  }

  @SuppressWarnings("unchecked")
  private static void directive(Map<String, Object> d, Map<String, Object> root, String where) {
    rule(Set.of("Namespace", "Dimensions", "Metrics").containsAll(d.keySet()) && d.size() == 3, where,
        "a directive has exactly Namespace, Dimensions and Metrics, has " + d.keySet());
    rule(d.get("Namespace") instanceof String, where, "Namespace is a string");
    String ns = (String) d.get("Namespace");
    rule(!ns.isEmpty() && ns.length() <= 1024 && !ns.startsWith("AWS/"), where, "Namespace: 1 to 1,024 characters, not AWS/");
    rule(d.get("Dimensions") instanceof List, where, "Dimensions is an array");
    for (Object set : (List<Object>) d.get("Dimensions")) {
      rule(set instanceof List, where, "a dimension set is an array");
      List<Object> keys = (List<Object>) set;
      rule(!keys.isEmpty() && keys.size() <= 30, where, "a dimension set has 1 to 30 dimensions");
      rule(new HashSet<>(keys).size() == keys.size(), where, "a dimension set names each dimension once");
      for (Object k : keys) {
        rule(k instanceof String, where, "a dimension is named by a string");
        Object v = root.get(k);
        rule(v instanceof String, where, "dimension " + k + " is a root member with a string value");
        rule(!((String) v).isEmpty() && ((String) v).length() <= 1024, where, "dimension " + k + ": 1 to 1,024 characters");
      }
    }
    rule(d.get("Metrics") instanceof List, where, "Metrics is an array");
    List<Object> metrics = (List<Object>) d.get("Metrics");
    rule(!metrics.isEmpty() && metrics.size() <= 100, where, "a directive has 1 to 100 metrics");
    Set<String> names = new HashSet<>();
    for (Object m : metrics) {
      rule(m instanceof Map, where, "a metric definition is an object");
      Map<String, Object> def = (Map<String, Object>) m;
      rule(Set.of("Name", "Unit", "StorageResolution").containsAll(def.keySet()), where,
          "a metric definition has Name, Unit and StorageResolution only, has " + def.keySet());
      rule(def.get("Name") instanceof String, where, "a metric's Name is a string");
      String name = (String) def.get("Name");
      rule(!name.isEmpty() && name.length() <= 1024, where, "a metric's Name: 1 to 1,024 characters");
      rule(names.add(name), where, "metric " + name + " is defined once");
      if (def.containsKey("Unit")) {
        rule(UNITS.contains(def.get("Unit")), where, "metric " + name + ": Unit is one of CloudWatch's, was " + def.get("Unit"));
      }
      if (def.containsKey("StorageResolution")) {
        Object r = def.get("StorageResolution");
        rule(r instanceof BigDecimal && (((BigDecimal) r).intValue() == 1 || ((BigDecimal) r).intValue() == 60), where,
            "metric " + name + ": StorageResolution is 1 or 60");
      }
      Object v = root.get(name);
      if (v instanceof List) {
        List<Object> values = (List<Object>) v;
        rule(values.size() <= 100, where, "metric " + name + ": at most 100 values");
        for (Object x : values) {
          rule(x instanceof BigDecimal, where, "metric " + name + ": every value is a number");
        }
      } else {
        rule(v instanceof BigDecimal, where, "metric " + name + " is a root member with a number (or an array of numbers)");
      }
    }
  }

  private static void rule(boolean holds, String where, String rule) {
    if (!holds) {
      throw new AssertionError(where + " breaks the EMF specification: " + rule);
    }
  }
}
