package dev.vitals.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The checker the other tests trust: it passes the specification's own kind of record and fails each broken rule. */
class EmfCheckTest {

  private static final String GOOD = "{\"_aws\":{\"Timestamp\":1764756000000,\"CloudWatchMetrics\":[{\"Namespace\":\"Vitals\","
      + "\"Dimensions\":[[\"FunctionName\"]],\"Metrics\":[{\"Name\":\"Duration\",\"Unit\":\"Milliseconds\"}]}]},"
      + "\"FunctionName\":\"orders\",\"Duration\":[12.5,13]}";

  @Test
  void aRecordThatFollowsTheSpecificationPasses() {
    assertThat(EmfCheck.records("START\n" + GOOD + "\nEND\n")).hasSize(1);
  }

  @Test
  void eachBrokenRuleIsNamed() {
    fails(GOOD.replace("\"Timestamp\":1764756000000,", ""), "_aws.Timestamp is a number");
    fails(GOOD.replace("1764756000000", "1764756000000.5"), "whole milliseconds");
    fails(GOOD.replace(",\"Duration\":[12.5,13]", ""), "metric Duration is a root member");
    fails(GOOD.replace("\"Milliseconds\"", "\"Millis\""), "Unit is one of CloudWatch's");
    fails(GOOD.replace("\"FunctionName\":\"orders\"", "\"FunctionName\":7"), "dimension FunctionName is a root member with a string");
    fails(GOOD.replace("\"Namespace\":\"Vitals\"", "\"Namespace\":\"AWS/Lambda\""), "not AWS/");
    fails(GOOD.replace("[12.5,13]", "[12.5,\"13\"]"), "every value is a number");
    fails(GOOD.replace("\"Metrics\":[", "\"Extra\":1,\"Metrics\":["), "exactly Namespace, Dimensions and Metrics");
    fails(GOOD.replace("}]}]}", "},{\"Name\":\"Duration\"}]}]}"), "defined once");
    fails(GOOD.replace("[[\"FunctionName\"]]", "[[]]"), "1 to 30 dimensions");
    fails(GOOD + ",", "not valid JSON");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      many.append(i == 0 ? "" : ",").append("{\"Name\":\"m").append(i).append("\"}");
    }
    fails(GOOD.replace("{\"Name\":\"Duration\",\"Unit\":\"Milliseconds\"}", many), "1 to 100 metrics");
  }

  private static void fails(String record, String rule) {
    assertThatThrownBy(() -> EmfCheck.check(record, "the record")).isInstanceOf(AssertionError.class)
        .hasMessageContaining(rule);
  }
}
