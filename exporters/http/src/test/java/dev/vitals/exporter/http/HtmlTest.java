package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapeCoversTextAndAttributesAndDropsControlCharacters() {
    assertThat(Html.esc("<a href=\"x\" title='y'>&amp;</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    assertThat(Html.esc("plain text")).isEqualTo("plain text");
    assertThat(Html.esc("bell\u0007 tab\t")).isEqualTo("bell\uFFFD tab\t");
    assertThat(Html.esc(null)).isEmpty();
  }
}
