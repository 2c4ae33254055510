package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.JsonText;
import org.junit.jupiter.api.Test;

/** The rule in health-api against the shared vectors, and the check itself failing when it should. */
class JsonVectorsTest {

  @Test
  void theRuleInHealthApiFollowsEveryVector() {
    JsonVectors.assertQuotes("JsonText.quote", JsonText::quote);
    for (JsonVectors.Vector v : JsonVectors.all()) {
      assertThat(JsonText.escape(v.text())).as(v.name()).isEqualTo(v.escaped());
      assertThat(JsonText.appendQuoted(new StringBuilder("x"), v.text()).toString())
          .as(v.name()).isEqualTo("x\"" + v.escaped() + "\"");
    }
  }

  @Test
  void textThatNeedsNoEscapeIsKeptAsItIs() {
    assertThat(JsonText.escape("plain text, ünïcödé \uD83D\uDE00")).isEqualTo("plain text, ünïcödé \uD83D\uDE00");
  }

  @Test
  void aWriterWithAnotherRuleIsNamedWithEveryVectorItGetsWrong() {
    // escapes only quote and backslash: misses control characters, HTML, separators and surrogates
    assertThatThrownBy(() -> JsonVectors.assertQuotes("naive", s -> '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"'))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("naive does not follow the JSON string rule for ")
        .hasMessageContaining("NUL: expected \"a\\u0000b\" but was \"a<U+0000>b\"")
        .hasMessageContaining("lone high surrogate: expected \"x<U+FFFD>y\" but was \"x<U+D83D>y\"")
        .hasMessageNotContaining("double quote:");
  }

  @Test
  void aWriterThatThrowsIsReportedNotPropagated() {
    assertThatThrownBy(() -> JsonVectors.assertQuotes("broken", s -> {
      throw new IllegalStateException("no");
    })).isInstanceOf(AssertionError.class).hasMessageContaining("empty: threw java.lang.IllegalStateException: no");
  }

  @Test
  void decodedReplacesOnlyLoneSurrogates() {
    assertThat(new JsonVectors.Vector("n", "a\uD83D\uDE00\uD83Db", "").decoded()).isEqualTo("a\uD83D\uDE00\uFFFDb");
  }
}
