package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void everyKindOfValueBecomesItsJavaType() {
    Object v = Json.parse(" {\"s\":\"x\",\"n\":-12.50e+1,\"i\":0,\"t\":true,\"f\":false,\"z\":null,"
        + "\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}}\n");

    assertThat(v).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    assertThat(m).containsOnlyKeys("s", "n", "i", "t", "f", "z", "a", "o");
    assertThat(m.keySet()).as("document order").containsExactly("s", "n", "i", "t", "f", "z", "a", "o");
    assertThat(m.get("s")).isEqualTo("x");
    assertThat(m.get("n")).isEqualTo(new BigDecimal("-12.50e+1"));
    assertThat(m.get("i")).isEqualTo(BigDecimal.ZERO);
    assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(m.get("f")).isEqualTo(Boolean.FALSE);
    assertThat(m).containsEntry("z", null);
    assertThat(m.get("a")).isInstanceOf(ArrayList.class).isEqualTo(List.of(BigDecimal.ONE, List.of(), Map.of()));
    assertThat(m.get("o")).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void numbersKeepTheirExactWrittenForm() {
    assertThat(Json.parse("1.0")).isEqualTo(new BigDecimal("1.0")).isNotEqualTo(BigDecimal.ONE);
    assertThat(Json.parse("0.1")).isEqualTo(new BigDecimal("0.1"));
    assertThat(Json.parse("12345678901234567890123")).isEqualTo(new BigDecimal("12345678901234567890123"));
  }

  @Test
  void scalarsAndNullAreValidTextsOnTheirOwn() {
    assertThat(Json.parse("\"a\"")).isEqualTo("a");
    assertThat(Json.parse("true")).isEqualTo(true);
    assertThat(Json.parse(" null ")).isNull();
  }

  @Test
  void escapesAreDecodedIncludingSurrogatePairs() {
    assertThat(Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u2028 \\ud83d\\ude00\""))
        .isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9 \u2028 \uD83D\uDE00");
    assertThat(Json.parse("\"\\u00E9\"")).as("upper-case hex").isEqualTo("\u00e9");
  }

  @Test
  void parseObjectAndParseArrayCheckTheKindOfTheValue() {
    assertThat(Json.parseObject("{\"a\":1}")).containsEntry("a", BigDecimal.ONE);
    assertThat(Json.parseArray("[\"a\",null]")).containsExactly("a", null);
    assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JSON object but an array");
    assertThatThrownBy(() -> Json.parseArray("{}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JSON array but an object");
    assertThatThrownBy(() -> Json.parseObject("null")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JSON object but null");
  }

  @Test
  void theReturnedMapsAndListsAreTheCallers() {
    Map<String, Object> m = Json.parseObject("{\"a\":[1]}");
    m.put("b", "added");
    @SuppressWarnings("unchecked")
    List<Object> a = (List<Object>) m.get("a");
    a.add("added");
    assertThat(Json.parseObject("{\"a\":[1]}")).isEqualTo(Map.of("a", List.of(BigDecimal.ONE)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "{", "[", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}", "{'a':1}", "'a'",
      "01", "-", "-01", "1.", ".5", "1e", "1e+", "+1", "NaN", "Infinity", "0x10", "\u0661",
      "tru", "nul", "True", "\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\u+123\"", "\"\\u12g4\"",
      "\"tab\tinside\"", "\"line\nbreak\"", "1 2", "{} x", "// c\n1", "/* c */ 1", "[1]]", "\u00a01"})
  void invalidJsonIsRejected(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDuplicateMemberIsAnErrorNamingIt() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\"b\":2,\"a\":3}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("duplicate member \"a\" at offset 13");
  }

  @Test
  void anErrorNamesWhatAndWhereWithAShortExcerpt() {
    String text = "{\"key\":[1,2,}" + " ".repeat(500) + "]}";
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unexpected character at offset 12: '{\"key\":[1,2,}")
        .hasMessageEndingWith("'...")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(NullPointerException.class).hasMessage("text");
  }
}
