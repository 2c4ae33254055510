package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
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
  void escapesQuotesBackslashesAndNamedControlCharacters() {
    assertThat(str("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(str("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
  }

  @Test
  void escapesEveryOtherControlCharacterAsUnicode() {
    for (char c = 0; c < 0x20; c++) {
      String out = str(String.valueOf(c));
      assertThat(out).as("char %d", (int) c).doesNotContain(String.valueOf(c));
      assertThat(out).startsWith("\"\\");
    }
    assertThat(str("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\"");
  }

  @Test
  void makesScriptAndHtmlInert() {
    String out = str("</script><script>alert('x')</script>&amp;");
    assertThat(out).doesNotContain("<", ">", "&", "'");
    assertThat(out).isEqualTo(
        "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(\\u0027x\\u0027)\\u003c/script\\u003e\\u0026amp;\"");
  }

  @Test
  void escapesJavaScriptLineSeparators() {
    assertThat(str("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
  }

  @Test
  void keepsValidSurrogatePairsAndEscapesLoneSurrogates() {
    String emoji = "\uD83D\uDE00"; // 😀
    assertThat(str(emoji)).isEqualTo("\"" + emoji + "\"");
    assertThat(str("x\uD83Dy")).isEqualTo("\"x\\ud83dy\"");
    assertThat(str("x\uDE00")).isEqualTo("\"x\\ude00\"");
    byte[] utf8 = new JsonOut().value("x\uD83D").toBytes();
    assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo("\"x\\ud83d\"");
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
