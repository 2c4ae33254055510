package dev.vitals.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad setting fails the function's init phase, as Lambda reports it: the runtime exits, its error names
 * every bad key with its value and what is allowed, and no secret and no invocation follow.
 */
class InitErrorTest {

  /**
   * The password of the URL's user-info: refused (credentials go in headers), and masked in the message that
   * refuses it.
   */
  static final String SECRET = "k3y-0f-th3-0rders-api";

  @TempDir
  Path dir;

  @Test
  void badValuesFailTheInitPhaseNamingEachKeyAndNoSecret() {
    try (DownstreamApi api = DownstreamApi.healthy();
        FunctionProcess f = FunctionProcess.start(dir,
            Map.of("ORDERS_API_URL", api.url().replace("http://", "http://orders:" + SECRET + "@"),
                "VITALS_LAMBDA_PROBE_SHARE", "1.5", "VITALS_LAMBDA_PROBE_BUDGET", "20m"),
            List.of(FunctionProcess.HANDLER, LocalRuntimeTest.GOOD_1))) {
      assertThat(f.exitStatus()).as(f.stderr()).isEqualTo(1);

      assertThat(f.stderr()).contains("Phase: init Status: error Error Type: dev.vitals.api.spi.ConfigException")
          .contains("vitals.lambda.probe-share = '1.5' is not allowed: expected a number from 0.0 to 1.0")
          .contains("vitals.lambda.probe-budget = '20m' is not allowed: expected a duration up to 15m")
          .contains("vitals.probes.orders-api.url = 'http://orders:****@127.0.0.1:")
          .doesNotContain("START RequestId");
      assertThat(f.stdout()).as("no record: the function never ran").isEmpty();
      assertThat(f.stdout() + f.stderr()).doesNotContain(SECRET);
      assertThat(api.requests()).isZero();
    }
  }

  @Test
  void aMissingDownstreamUrlFailsTheInitPhaseNamingTheVariable() {
    try (FunctionProcess f = FunctionProcess.start(dir, Map.of(), List.of(FunctionProcess.HANDLER))) {
      assertThat(f.exitStatus()).as(f.stderr()).isEqualTo(1);
      assertThat(f.stderr()).contains("vitals.probes.orders-api.url refers to the environment variable"
          + " ORDERS_API_URL, which is not set");
      assertThat(f.stdout()).isEmpty();
    }
  }
}
