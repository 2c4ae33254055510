package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The style sheet is a resource of its own, inlined whole into every page. */
class StatusPageStyleTest {

  @Test
  void thePageInlinesTheStyleSheetResourceWhole() throws Exception {
    String css;
    try (InputStream in = StatusPage.class.getResourceAsStream("status-page.css")) {
      assertThat(in).as("status-page.css beside StatusPage").isNotNull();
      css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(css).endsWith("}\n").contains(":root{--bg:#f6f8fa;", "@media (prefers-color-scheme:dark)",
        ".seg-down{fill:var(--down-bar)}", "footer{margin-top:24px;");

    String html = StatusPage.render(StatusPageFixtures.empty(), StatusPageFixtures.NOW);

    assertThat(html).contains("<style>" + css.substring(0, css.length() - 1) + "</style>\n</head>");
    assertThat(StatusPage.render(StatusPageFixtures.realistic(), StatusPageFixtures.NOW))
        .contains("<style>" + css.substring(0, css.length() - 1) + "</style>");
  }
}
