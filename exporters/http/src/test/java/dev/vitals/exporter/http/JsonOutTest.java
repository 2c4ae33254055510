package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.test.JsonVectors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonOutTest {

  private static String str(String s) {
    return new JsonOut().value(s).asString();
  }

  @Test
  void stringsFollowTheOneJsonStringRule() {
    JsonVectors.assertQuotes("JsonOut.value", JsonOutTest::str);
    JsonVectors.assertQuotes("JsonOut.name", s -> {
      String object = new JsonOut().beginObject().name(s).value(1).endObject().asString();
      return object.substring(1, object.length() - 3); // the name alone, between { and :1}
    });
    JsonVectors.assertQuotes("JsonOut.detail", s -> new JsonOut().detail(s).asString());
  }

  @Test
  void makesScriptAndHtmlInert() {
    String out = str("</script><script>alert('x')</script>&amp;");
    assertThat(out).doesNotContain("<", ">", "&", "'");
  }

  @Test
  void aLoneSurrogateBecomesTheReplacementCharacterSoTheBytesAreValidUtf8() throws Exception {
    byte[] utf8 = new JsonOut().value("x\uD83D").toBytes();
    assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo("\"x\uFFFD\"");
    assertThat(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(utf8)).toString()).isEqualTo("\"x\uFFFD\"");
  }

  @Test
  void passesOtherUnicodeThroughAsUtf8() {
    byte[] bytes = new JsonOut().value("Zürich ✓").toBytes();
    assertThat(bytes).isEqualTo("\"Zürich ✓\"".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void placesCommasBetweenMembersAndElements() {
    String json = new JsonOut().beginObject()
        .name("a").value(1)
        .name("b").beginArray().value("x").value(true).nullValue().beginObject().endObject().endArray()
        .name("c").beginObject().name("d").value(false).endObject()
        .endObject().asString();
    assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":{\"d\":false}}");
  }

  @Test
  void escapesNames() {
    assertThat(new JsonOut().beginObject().name("a\"<b").value(1).endObject().asString())
        .isEqualTo("{\"a\\\"\\u003cb\":1}");
  }

  @Test
  void refusesAnUnclosedDocument() {
    JsonOut j = new JsonOut().beginObject();
    assertThatThrownBy(j::asString).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writesFixedPointNumbersInPlainNotation() {
    assertThat(fixed(1.25, 1)).isEqualTo("1.3");
    assertThat(fixed(100, 1)).isEqualTo("100.0");
    assertThat(fixed(0, 1)).isEqualTo("0.0");
    assertThat(fixed(0.0001, 6)).isEqualTo("0.0001");
    assertThat(fixed(0.05, 6)).isEqualTo("0.05");
    assertThat(fixed(0.123456789, 6)).isEqualTo("0.123457");
    assertThat(fixed(99.95, 3)).isEqualTo("99.95");
    assertThat(fixed(-2.5, 1)).isEqualTo("-2.5");
    assertThat(fixed(-0.01, 1)).isEqualTo("0.0");
    assertThat(fixed(1e-9, 6)).isEqualTo("0.0");
    assertThat(fixed(12_345_678.91, 1)).isEqualTo("12345678.9");
    assertThat(fixed(1e300, 1)).doesNotContain("E").endsWith(".0");
  }

  @Test
  void writesNonFiniteNumbersAsNull() {
    assertThat(fixed(Double.NaN, 1)).isEqualTo("null");
    assertThat(fixed(Double.POSITIVE_INFINITY, 1)).isEqualTo("null");
    assertThat(new JsonOut().detail(Double.NaN).asString()).isEqualTo("null");
    assertThat(new JsonOut().detail(Float.NEGATIVE_INFINITY).asString()).isEqualTo("null");
  }

  @Test
  void writesDetailValuesByType() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("s", "v");
    details.put("b", true);
    details.put("i", 42);
    details.put("l", 7L);
    details.put("d", 0.5);
    details.put("bd", new BigDecimal("12.50"));
    details.put("bi", new BigInteger("123456789012345678901234567890"));
    assertThat(new JsonOut().details(details).asString()).isEqualTo(
        "{\"s\":\"v\",\"b\":true,\"i\":42,\"l\":7,\"d\":0.5,\"bd\":12.50,\"bi\":123456789012345678901234567890}");
  }

  @Test
  void writesInstantsToTheMillisecond() {
    assertThat(new JsonOut().value(Instant.parse("2026-11-27T10:41:07.123456Z")).asString())
        .isEqualTo("\"2026-11-27T10:41:07.123Z\"");
    assertThat(new JsonOut().value((Instant) null).asString()).isEqualTo("null");
  }

  private static String fixed(double v, int decimals) {
    return new JsonOut().fixed(v, decimals).asString();
  }
}
