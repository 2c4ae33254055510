package dev.vitals.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment package, {@code target/orders-function.jar}, is what Lambda gets: it runs on its own (no
 * other class path), holds nothing of the tests, and stays small. Runs in the {@code package} phase, after
 * the shade plugin, which passes the jar as the system property {@value #JAR_PROPERTY}.
 */
class OrdersFunctionJarTest {

  static final String JAR_PROPERTY = "orders.function.jar";
  /**
   * The package may not grow past this without a reason: the function, Vitals (API, engine, Lambda wrapper,
   * HTTP probes), Resilience4j, SLF4J and the Lambda interfaces were 580 KB on 2026-12-03.
   */
  static final long MAX_PACKAGE_BYTES = 800 * 1024;

  @TempDir
  Path dir;

  private static Path jar() {
    String jar = System.getProperty(JAR_PROPERTY);
    assertThat(jar).as("the system property " + JAR_PROPERTY + " (set by the jar-tests execution)").isNotBlank();
    Path p = Path.of(jar);
    assertThat(p).as("the packaged function").isRegularFile();
    return p;
  }

  @Test
  void thePackagedFunctionRunsOnItsOwnAndPrintsValidEmf() {
    try (DownstreamApi api = DownstreamApi.healthy();
        FunctionProcess f = FunctionProcess.start(dir, jar().toString(), Map.of("ORDERS_API_URL", api.url(),
            "_HANDLER", FunctionProcess.HANDLER), List.of("--pause", "100ms", "--timeout", "15s"))) {
      assertThat(f.exitStatus()).as(f.stderr()).isZero();

      // the sample events: four orders, the third refused
      List<Map<String, Object>> invocations = f.invocations();
      assertThat(invocations).extracting(r -> ((BigDecimal) r.get("Errors")).intValue()).containsExactly(0, 0, 1, 0);
      assertThat(f.records()).filteredOn(r -> "orders-api".equals(r.get("Probe"))).singleElement()
          .satisfies(p -> assertThat(p).containsEntry("Status", "UP"));
      assertThat(api.requests()).isEqualTo(1);
      assertThat(f.stderr()).as("slf4j-simple is in the package: no SLF4J warning").doesNotContain("SLF4J");
    }
  }

  @Test
  void thePackageHoldsOnlyWhatTheFunctionNeedsAndStaysSmall() throws IOException {
    Path jar = jar();
    List<String> names;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      names = zip.stream().map(ZipEntry::getName).collect(Collectors.toList());
    }
    assertThat(names).contains("dev/vitals/examples/lambda/OrdersFunction.class",
        "dev/vitals/lambda/VitalsLambda.class", "com/amazonaws/services/lambda/runtime/RequestHandler.class",
        "META-INF/services/dev.vitals.api.spi.ProbeFactory");
    assertThat(names).as("nothing of the tests").noneMatch(n -> n.startsWith("org/junit/")
        || n.startsWith("org/assertj/") || n.startsWith("dev/vitals/test/") || n.endsWith("EmfCheck.class"));
    assertThat(Files.size(jar)).as("the deployment package's size in bytes").isLessThanOrEqualTo(MAX_PACKAGE_BYTES);
  }
}
