package dev.vitals.notifier.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrubberTest {

  @Test
  void eachSecretIsMaskedAsGivenAndUrlEncoded() {
    Scrubber s = new Scrubber(List.of("p@ss word/with+chars"));

    assertThat(s.scrub("plain p@ss word/with+chars, encoded p%40ss+word%2Fwith%2Bchars."))
        .isEqualTo("plain ****, encoded ****.");
  }

  @Test
  void secretsShorterThanSixCharactersAndNullsAreIgnored() {
    Scrubber s = new Scrubber(Arrays.asList("abc12", null, "abcdef"));

    assertThat(s.scrub("abc12 and abcdef")).isEqualTo("abc12 and ****");
  }

  @Test
  void theLongerWordsOfASecretWithSpacesAreMaskedOnTheirOwn() {
    Scrubber s = new Scrubber(List.of("Token t0ken-value-1234 extra"));

    assertThat(s.scrub("got t0ken-value-1234 alone; Token as a word")).isEqualTo("got **** alone; Token as a word");
  }

  @Test
  void aLongerSecretIsMaskedBeforeAShorterOneItContains() {
    Scrubber s = new Scrubber(List.of("abcdef", "abcdefghijkl"));

    assertThat(s.scrub("x abcdefghijkl y abcdef")).isEqualTo("x **** y ****");
  }

  @Test
  void whatRedactionRecognisesIsMaskedToo() {
    Scrubber s = new Scrubber(List.of());

    assertThat(s.scrub("password=hunter22 and https://u:pw1234@h/ and Bearer abcdefgh"))
        .isEqualTo("password=**** and https://u:****@h/ and Bearer ****");
  }

  @Test
  void nullAndEmptyAreReturnedAsGiven() {
    Scrubber s = new Scrubber(List.of("abcdefgh"));
    assertThat(s.scrub(null)).isNull();
    assertThat(s.scrub("")).isEmpty();
    assertThatThrownBy(() -> new Scrubber(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void anExcerptIsScrubbedWithWhiteSpaceAndControlsCollapsed() {
    Scrubber s = new Scrubber(List.of("s3cret-value"));
    byte[] body = "\n\t <html>\r\n  error \u0000\u0007 for s3cret-value  </html> \n".getBytes(StandardCharsets.UTF_8);

    assertThat(s.excerpt(body, 200)).isEqualTo("<html> error for **** </html>");
  }

  @Test
  void aLongExcerptIsCutAtTheLimitWithAnEllipsis() {
    Scrubber s = new Scrubber(List.of());

    assertThat(s.excerpt("a b ".repeat(100).getBytes(StandardCharsets.UTF_8), 10)).isEqualTo("a b a b a...");
    assertThat(s.excerpt("abcdefghij".getBytes(StandardCharsets.UTF_8), 10)).as("exactly the limit")
        .isEqualTo("abcdefghij");
  }

  @Test
  void anExcerptNeverEndsInHalfASurrogatePair() {
    Scrubber s = new Scrubber(List.of());
    String faces = "\uD83D\uDE00".repeat(10);

    String excerpt = s.excerpt(("a" + faces).getBytes(StandardCharsets.UTF_8), 4);

    assertThat(excerpt).isEqualTo("a\uD83D\uDE00...");
  }

  @Test
  void anExcerptOfInvalidUtf8ShowsReplacementCharacters() {
    Scrubber s = new Scrubber(List.of());

    assertThat(s.excerpt(new byte[] {'o', 'k', (byte) 0xC3}, 20)).isEqualTo("ok\uFFFD");
  }
}
