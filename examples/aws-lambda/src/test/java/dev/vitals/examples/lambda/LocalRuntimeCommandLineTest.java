package dev.vitals.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LocalRuntime's command line: a mistake is named, with the usage, before anything is loaded. */
class LocalRuntimeCommandLineTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return new LocalRuntime(new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, env);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsTheUsage() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(err()).startsWith("usage: java -cp orders-function.jar dev.vitals.examples.lambda.LocalRuntime");
  }

  @Test
  void aBadOptionIsNamedWithWhatIsAllowed() {
    assertThat(run(Map.of(), "--pause", "soon", FunctionProcess.HANDLER)).isEqualTo(2);
    assertThat(err()).contains("--pause must be a duration such as 250ms, 3s or 1m, was soon").contains("usage:");
  }

  @Test
  void theHandlerComesFromTheCommandLineOrHandlerVariable() {
    assertThat(run(Map.of())).isEqualTo(2);
    assertThat(err()).contains("no handler: name it (package.Class::handleRequest) or set _HANDLER");
  }

  @Test
  void anEventThatIsNotJsonIsNamedBeforeTheFunctionLoads() {
    assertThat(run(Map.of("_HANDLER", "no.such.Function"), "{\"orderId\":")).isEqualTo(2);
    assertThat(err()).contains("event 1 is not JSON at offset 11").doesNotContain("INIT_REPORT");
  }
}
