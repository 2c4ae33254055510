package dev.vitals.notifier.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.test.JsonVectors;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The writer, read back with the test kit's strict parser, which shares no code with it. */
class JsonWriterTest {

  static Object readBack(String json) {
    return dev.vitals.test.Json.parse(json);
  }

  @Test
  void writesObjectsInIterationOrderArraysAndScalarsWithoutSpaces() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", "last-first");
    m.put("a", List.of(1, 2L, true, false));
    m.put("n", null);
    m.put("o", Map.of("k", "v"));
    m.put("e", List.of());

    assertThat(JsonWriter.write(m)).isEqualTo("{\"z\":\"last-first\",\"a\":[1,2,true,false],\"n\":null,\"o\":{\"k\":\"v\"},\"e\":[]}");
  }

  @Test
  void numbersAreWrittenAsJsonAllows() {
    assertThat(JsonWriter.write(Arrays.asList(2.0, 0.5, -3.25f, 7, 8L, new BigDecimal("1.50"), 1e15, 123456789012345.0)))
        .isEqualTo("[2,0.5,-3.25,7,8,1.50,1.0E15,123456789012345]");
    assertThat(readBack(JsonWriter.write(1e15))).isEqualTo(new BigDecimal("1.0E15"));
  }

  @Test
  void aNumberThatIsNotFiniteIsWrittenAsNull() {
    assertThat(JsonWriter.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)))
        .isEqualTo("[null,null,null]");
  }

  @Test
  void stringsFollowTheOneJsonStringRule() {
    JsonVectors.assertQuotes("notifier JsonWriter.write", JsonWriter::write);
    JsonVectors.assertQuotes("notifier JsonWriter.write (member name)", s -> {
      String object = JsonWriter.write(Map.of(s, 1));
      return object.substring(1, object.length() - 3); // the name alone, between { and :1}
    });
  }

  @Test
  void aLoneSurrogateBecomesTheReplacementCharacter() {
    assertThat(JsonWriter.write("a\uD83Db \uDE00c \uD83D")).isEqualTo("\"a\uFFFDb \uFFFDc \uFFFD\"");
  }

  @Test
  void mapKeysAreWrittenAsTheirStringValue() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(1, "one");
    m.put(null, "none");
    assertThat(JsonWriter.write(m)).isEqualTo("{\"1\":\"one\",\"null\":\"none\"}");
  }

  @Test
  void anotherTypeIsRefused() {
    assertThatThrownBy(() -> JsonWriter.write(List.of(new StringBuilder("x")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a JSON value: java.lang.StringBuilder");
  }

  @Test
  void anyStringReadsBackAsWrittenWithLoneSurrogatesReplaced() {
    SplittableRandom random = new SplittableRandom(20261127);
    for (int n = 0; n < 2000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        int kind = random.nextInt(4);
        sb.append((char) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? random.nextInt(0x20)
            : kind == 2 ? 0xD800 + random.nextInt(0x800) : random.nextInt(0x10000)));
      }
      String s = sb.toString();

      assertThat(readBack(JsonWriter.write(Map.of("s", s)))).as("string %d", n).isEqualTo(Map.of("s", wellFormed(s)));
    }
  }

  /** The string with each unpaired surrogate replaced by U+FFFD. */
  static String wellFormed(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }
}
