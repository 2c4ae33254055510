package dev.vitals.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.test.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: output on stdout, or one clear line on stderr and status 2. */
class CloudWatchDefinitionsCliTest {

  @TempDir
  Path dir;

  /** What one run printed and returned. */
  record Run(int status, String out, String err) {}

  static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CloudWatchDefinitions.run(List.of(args), env,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run run(String... args) {
    return run(Map.of(), args);
  }

  /** A refusal: status 2, nothing on stdout, one line on stderr without a stack trace. */
  static String refused(Run r) {
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).endsWith(System.lineSeparator());
    String line = r.err().strip();
    assertThat(line).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ")
        .startsWith("CloudWatchDefinitions: ");
    return line;
  }

  @Test
  void printsEachDefinitionForTheFunctionsGiven() {
    Run d = run("dashboards", "--function", "orders-api", "--function=billing");
    assertThat(d.status()).isZero();
    assertThat(d.err()).isEmpty();
    assertThat(Json.parseObject(d.out()).keySet()).containsExactly("vitals-overview", "vitals-performance-orders-api",
        "vitals-performance-billing", "vitals-errors");
    Run a = run("alarms", "--function", "orders-api");
    assertThat(Json.parseArray(a.out())).hasSize(4);
    Run c = run("cloudformation", "--function", "orders-api");
    assertThat(Json.parseObject(c.out())).containsKey("Resources");
  }

  @Test
  void aFunctionNameWithOddCharactersIsRefusedWithExitCode2() {
    String line = refused(run("alarms", "--function", "orders\"api; rm -rf"));
    assertThat(line).isEqualTo("CloudWatchDefinitions: --function: function name 'orders\"api; rm -rf' is not allowed:"
        + " expected a Lambda function name: 1 to 64 letters, digits, '-' or '_'");
    assertThat(refused(run("alarms", "--function", "arn:aws:lambda:us-east-1:123456789012:function:f")))
        .contains("is not allowed");
    assertThat(refused(run("alarms", "--function", "a\nb"))).contains("'a\\u000ab'");
    assertThat(refused(run("alarms", "--function", ""))).contains("function name ''");
  }

  @Test
  void functionsComeFromTheConfigurationThenFromAwsLambdaFunctionName() throws IOException {
    Path file = dir.resolve("vitals.properties");
    Files.writeString(file, "vitals.lambda.functions = orders-api, billing ,\n");
    Run fromFile = run(Map.of("AWS_LAMBDA_FUNCTION_NAME", "ignored"), "dashboards", "--config", file.toString());
    assertThat(Json.parseObject(fromFile.out()).keySet()).contains("vitals-performance-orders-api",
        "vitals-performance-billing").doesNotContain("vitals-performance-ignored");
    Run flagWins = run("dashboards", "--config", file.toString(), "--function", "only");
    assertThat(Json.parseObject(flagWins.out()).keySet()).containsExactly("vitals-overview", "vitals-performance-only",
        "vitals-errors");
    Run fromEnv = run(Map.of("AWS_LAMBDA_FUNCTION_NAME", "from-env"), "alarms");
    assertThat(fromEnv.out()).contains("vitals-from-env-latency");

    Files.writeString(file, "vitals.lambda.functions = good, bad.name\n");
    assertThat(refused(run("alarms", "--config", file.toString())))
        .contains("vitals.lambda.functions: function name 'bad.name' is not allowed");
  }

  @Test
  void settingsComeFromTheConfigFile() throws IOException {
    Path file = dir.resolve("vitals.properties");
    Files.writeString(file, String.join("\n", "vitals.lambda.namespace = Orders",
        "vitals.alerts.latency.threshold = 3", "vitals.alerts.cold-start.enabled = false", ""));
    Run r = run("alarms", "--config", file.toString(), "--function", "f");
    assertThat(r.status()).isZero();
    List<Object> alarms = Json.parseArray(r.out());
    assertThat(alarms).hasSize(3);
    assertThat(CloudWatchDefinitionsDashboardsTest.map(alarms.get(0))).containsEntry("Namespace", "Orders")
        .containsEntry("Threshold", new java.math.BigDecimal("600"));
  }

  @Test
  void aConfigFileMayBeUtf8OrIso88591() throws IOException {
    Path latin1 = dir.resolve("latin1.properties");
    Files.write(latin1, "# caf\u00e9 ordering\nvitals.lambda.functions = orders-api\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(run("alarms", "--config", latin1.toString()).out()).contains("vitals-orders-api-latency");
    Path utf8 = dir.resolve("utf8.properties");
    Files.write(utf8, "# caf\u00e9 \u2713\nvitals.lambda.functions = billing\n".getBytes(StandardCharsets.UTF_8));
    assertThat(run("alarms", "--config", utf8.toString()).out()).contains("vitals-billing-latency");
    Path badEscape = dir.resolve("escape.properties");
    Files.writeString(badEscape, "vitals.lambda.namespace = \\uZZZZ\n");
    assertThat(refused(run("alarms", "--config", badEscape.toString(), "--function", "f")))
        .contains("--config " + badEscape + ": cannot be read as a properties file: Malformed");
  }

  @Test
  void badInputGetsOneClearLine() throws IOException {
    assertThat(refused(run())).contains("no command");
    assertThat(refused(run("dashbaords", "--function", "f"))).contains("unknown command 'dashbaords'")
        .contains("dashboards, alarms or cloudformation");
    assertThat(refused(run("alarms"))).contains("no function").contains("--function NAME")
        .contains("vitals.lambda.functions").contains("AWS_LAMBDA_FUNCTION_NAME");
    assertThat(refused(run("alarms", "--fucntion", "f"))).contains("unknown argument '--fucntion'");
    assertThat(refused(run("alarms", "--function"))).contains("--function needs a value");
    Path missing = dir.resolve("nope.properties");
    assertThat(refused(run("alarms", "--config", missing.toString(), "--function", "f")))
        .isEqualTo("CloudWatchDefinitions: --config " + missing + ": no such file");
    assertThat(refused(run("alarms", "--config", dir.toString(), "--function", "f")))
        .contains("--config " + dir + ": cannot be read");
    Path bad = dir.resolve("bad.properties");
    Files.writeString(bad, "vitals.alerts.error-rate.threshold = 5\nvitals.lambda.cold-start.target = soon\n");
    assertThat(refused(run("alarms", "--config", bad.toString(), "--function", "f")))
        .contains("vitals.alerts.error-rate.threshold = '5' is not allowed: expected a ratio from 0 to 1")
        .contains("vitals.lambda.cold-start.target = 'soon' is not allowed").contains("; ");
    assertThat(refused(run(Map.of("AWS_REGION", "eu west"), "dashboards", "--function", "f")))
        .contains("AWS_REGION = 'eu west' is not allowed");
  }

  @Test
  void helpPrintsTheUsage() {
    Run r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("usage: CloudWatchDefinitions dashboards|alarms|cloudformation");
  }

  @Test
  void mainInItsOwnProcessExitsWith2AndNoStackTrace() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CloudWatchDefinitions.class.getName(), "alarms", "--function", "bad/name").start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(out).isEmpty();
    assertThat(err.strip()).isEqualTo("CloudWatchDefinitions: --function: function name 'bad/name' is not allowed:"
        + " expected a Lambda function name: 1 to 64 letters, digits, '-' or '_'");

    Process ok = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CloudWatchDefinitions.class.getName(), "alarms", "--function", "f").start();
    String printed = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ok.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).isZero();
    assertThat(Json.parseArray(printed)).hasSize(4);
  }
}
