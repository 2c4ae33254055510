package dev.vitals.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.test.JsonVectors;
import org.junit.jupiter.api.Test;

/** The baseline-file writer follows the same string rule as every other writer. */
class ToolJsonTest {

  @Test
  void writtenStringsFollowTheOneJsonStringRule() {
    JsonVectors.assertQuotes("bench ToolJson.write", s -> {
      String out = ToolJson.write(s);
      assertThat(out).endsWith("\n");
      return out.substring(0, out.length() - 1);
    });
  }
}
