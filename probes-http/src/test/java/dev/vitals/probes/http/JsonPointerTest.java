package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The examples of RFC 6901, section 5. */
class JsonPointerTest {

  private static final String DOC = "{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,\"c%d\":2,\"e^f\":3,\"g|h\":4,"
      + "\"i\\\\j\":5,\"k\\\"l\":6,\" \":7,\"m~n\":8}";

  private static Object at(String pointer) throws Exception {
    return JsonPointer.parse(pointer).resolve(JsonBody.parse(DOC)).orElse("<nothing>");
  }

  @Test
  void resolvesTheExamplesOfRfc6901() throws Exception {
    assertThat(at("")).isEqualTo(JsonBody.parse(DOC));
    assertThat(JsonBody.write(at("/foo"))).isEqualTo("[\"bar\",\"baz\"]");
    assertThat(at("/foo/0")).isEqualTo("bar");
    assertThat(at("/")).isEqualTo(BigDecimal.ZERO);
    assertThat(at("/a~1b")).isEqualTo(BigDecimal.ONE);
    assertThat(at("/c%d")).isEqualTo(new BigDecimal(2));
    assertThat(at("/e^f")).isEqualTo(new BigDecimal(3));
    assertThat(at("/g|h")).isEqualTo(new BigDecimal(4));
    assertThat(at("/i\\j")).isEqualTo(new BigDecimal(5));
    assertThat(at("/k\"l")).isEqualTo(new BigDecimal(6));
    assertThat(at("/ ")).isEqualTo(new BigDecimal(7));
    assertThat(at("/m~0n")).isEqualTo(new BigDecimal(8));
  }

  @Test
  void refersToNothingOutsideTheDocument() throws Exception {
    assertThat(at("/foo/2")).isEqualTo("<nothing>");
    assertThat(at("/foo/-")).isEqualTo("<nothing>");
    assertThat(at("/foo/01")).isEqualTo("<nothing>");
    assertThat(at("/missing")).isEqualTo("<nothing>");
    assertThat(at("/foo/0/deeper")).isEqualTo("<nothing>");
  }

  @Test
  void rejectsMalformedPointers() {
    assertThatThrownBy(() -> JsonPointer.parse("foo")).hasMessage("a JSON pointer is empty or starts with '/'");
    assertThatThrownBy(() -> JsonPointer.parse("/a~2")).hasMessage("'~' in a JSON pointer must be followed by 0 or 1");
    assertThatThrownBy(() -> JsonPointer.parse("/a~")).hasMessage("'~' in a JSON pointer must be followed by 0 or 1");
  }
}
