package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.test.JsonVectors;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

  @Test
  void parsesEveryKindOfValue() throws Exception {
    Object v = JsonBody.parse(" {\"s\":\"a\\\"b\\u00e9\\n\",\"n\":-1.5e2,\"i\":0,\"t\":true,\"f\":false,\"z\":null,"
        + "\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}} ");
    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(m.get("s")).isEqualTo("a\"bé\n");
    assertThat(m.get("n")).isEqualTo(new BigDecimal("-1.5e2"));
    assertThat(m.get("i")).isEqualTo(BigDecimal.ZERO);
    assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(m.get("f")).isEqualTo(Boolean.FALSE);
    assertThat(m.get("z")).isSameAs(JsonBody.NULL);
    assertThat((List<?>) m.get("a")).hasSize(3);
    assertThat(JsonBody.write(v)).isEqualTo("{\"s\":\"a\\\"bé\\n\",\"n\":-1.5E+2,\"i\":0,\"t\":true,\"f\":false,\"z\":null,"
        + "\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}}");
  }

  @Test
  void writtenStringsFollowTheOneJsonStringRule() {
    JsonVectors.assertQuotes("probes-http JsonBody.write", JsonBody::write);
  }

  @Test
  void scalarsAtTheTopLevelAreDocuments() throws Exception {
    assertThat(JsonBody.parse("\"UP\"")).isEqualTo("UP");
    assertThat(JsonBody.parse("42")).isEqualTo(new BigDecimal(42));
    assertThat(JsonBody.parse("null")).isSameAs(JsonBody.NULL);
  }

  @Test
  void rejectsWhatIsNotStrictJsonSayingWhere() {
    assertThatThrownBy(() -> JsonBody.parse("{\"a\":1,}")).hasMessage("invalid JSON at offset 7: unexpected '}', expected a member name in double quotes");
    assertThatThrownBy(() -> JsonBody.parse("[1 2]")).hasMessage("invalid JSON at offset 3: unexpected '2', expected ',' or ']'");
    assertThatThrownBy(() -> JsonBody.parse("01")).hasMessage("invalid JSON at offset 1: unexpected '1' after the value");
    assertThatThrownBy(() -> JsonBody.parse("'a'")).hasMessage("invalid JSON at offset 0: unexpected ''', expected a value");
    assertThatThrownBy(() -> JsonBody.parse("\"abc")).hasMessage("invalid JSON at offset 4: unterminated string");
    assertThatThrownBy(() -> JsonBody.parse("\"a\\x\"")).hasMessage("invalid JSON at offset 3: invalid escape \\x");
    assertThatThrownBy(() -> JsonBody.parse("1.")).hasMessage("invalid JSON at offset 2: expected a digit after the decimal point");
    assertThatThrownBy(() -> JsonBody.parse("tru")).hasMessage("invalid JSON at offset 0: unexpected 't', expected a value");
    assertThatThrownBy(() -> JsonBody.parse("")).hasMessage("invalid JSON at offset 0: unexpected end of input, expected a value");
    assertThatThrownBy(() -> JsonBody.parse("\"a\nb\"")).hasMessage("invalid JSON at offset 2: control character U+000A in a string");
  }

  @Test
  void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> JsonBody.parse(deep)).hasMessageContaining("nesting deeper than 256 levels");
  }

  @Test
  void equalityIsByJsonValue() throws Exception {
    assertThat(JsonBody.same(JsonBody.parse("1.0"), JsonBody.parse("1"))).isTrue();
    assertThat(JsonBody.same(JsonBody.parse("{\"a\":1,\"b\":[1,2]}"), JsonBody.parse("{\"b\":[1,2.0],\"a\":1}"))).isTrue();
    assertThat(JsonBody.same(JsonBody.parse("[1,2]"), JsonBody.parse("[2,1]"))).isFalse();
    assertThat(JsonBody.same(JsonBody.parse("\"1\""), JsonBody.parse("1"))).isFalse();
    assertThat(JsonBody.same(JsonBody.parse("null"), JsonBody.parse("null"))).isTrue();
    assertThat(JsonBody.same(JsonBody.parse("{\"a\":1}"), JsonBody.parse("{\"a\":1,\"b\":2}"))).isFalse();
  }
}
