package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.test.JsonVectors;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesEveryKindOfValue() throws Exception {
    Object v = Json.parse(" {\"s\":\"a\\\"b\\u00e9\\n\",\"n\":-1.5e2,\"i\":0,\"t\":true,\"f\":false,\"z\":null,"
        + "\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}} ");
    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(m.get("s")).isEqualTo("a\"bé\n");
    assertThat(m.get("n")).isEqualTo(new BigDecimal("-1.5e2"));
    assertThat(m.get("i")).isEqualTo(BigDecimal.ZERO);
    assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(m.get("f")).isEqualTo(Boolean.FALSE);
    assertThat(m.get("z")).isSameAs(Json.NULL);
    assertThat((List<?>) m.get("a")).hasSize(3);
    assertThat(Json.write(v)).isEqualTo("{\"s\":\"a\\\"bé\\n\",\"n\":-1.5E+2,\"i\":0,\"t\":true,\"f\":false,\"z\":null,"
        + "\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}}");
  }

  @Test
  void writtenStringsFollowTheOneJsonStringRule() {
    JsonVectors.assertQuotes("probes-http Json.write", Json::write);
  }

  @Test
  void scalarsAtTheTopLevelAreDocuments() throws Exception {
    assertThat(Json.parse("\"UP\"")).isEqualTo("UP");
    assertThat(Json.parse("42")).isEqualTo(new BigDecimal(42));
    assertThat(Json.parse("null")).isSameAs(Json.NULL);
  }

  @Test
  void rejectsWhatIsNotStrictJsonSayingWhere() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).hasMessage("invalid JSON at offset 7: unexpected '}', expected a member name in double quotes");
    assertThatThrownBy(() -> Json.parse("[1 2]")).hasMessage("invalid JSON at offset 3: unexpected '2', expected ',' or ']'");
    assertThatThrownBy(() -> Json.parse("01")).hasMessage("invalid JSON at offset 1: unexpected '1' after the value");
    assertThatThrownBy(() -> Json.parse("'a'")).hasMessage("invalid JSON at offset 0: unexpected ''', expected a value");
    assertThatThrownBy(() -> Json.parse("\"abc")).hasMessage("invalid JSON at offset 4: unterminated string");
    assertThatThrownBy(() -> Json.parse("\"a\\x\"")).hasMessage("invalid JSON at offset 3: invalid escape \\x");
    assertThatThrownBy(() -> Json.parse("1.")).hasMessage("invalid JSON at offset 2: expected a digit after the decimal point");
    assertThatThrownBy(() -> Json.parse("tru")).hasMessage("invalid JSON at offset 0: unexpected 't', expected a value");
    assertThatThrownBy(() -> Json.parse("")).hasMessage("invalid JSON at offset 0: unexpected end of input, expected a value");
    assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessage("invalid JSON at offset 2: control character U+000A in a string");
  }

  @Test
  void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nesting deeper than 256 levels");
  }

  @Test
  void equalityIsByJsonValue() throws Exception {
    assertThat(Json.same(Json.parse("1.0"), Json.parse("1"))).isTrue();
    assertThat(Json.same(Json.parse("{\"a\":1,\"b\":[1,2]}"), Json.parse("{\"b\":[1,2.0],\"a\":1}"))).isTrue();
    assertThat(Json.same(Json.parse("[1,2]"), Json.parse("[2,1]"))).isFalse();
    assertThat(Json.same(Json.parse("\"1\""), Json.parse("1"))).isFalse();
    assertThat(Json.same(Json.parse("null"), Json.parse("null"))).isTrue();
    assertThat(Json.same(Json.parse("{\"a\":1}"), Json.parse("{\"a\":1,\"b\":2}"))).isFalse();
  }
}
