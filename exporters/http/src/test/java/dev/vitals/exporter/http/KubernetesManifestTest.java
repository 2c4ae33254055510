package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.Status;
import dev.vitals.api.spi.Exporter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operators' Kubernetes manifest ({@code docs/operators/kubernetes.yaml}) against this endpoint:
 * the path each Kubernetes probe asks answers for its own group of probes, and the settings the
 * manifest gives Vitals through the environment are ones the factory accepts. The structure of the
 * manifest is checked with a full YAML parser in exporter-prometheus ({@code OperatorsKitTest}); here
 * a small line reader takes the two things needed: each probe's {@code path}, and {@code env} values.
 */
class KubernetesManifestTest {

  private static final Pattern PROBE = Pattern.compile("^( *)(livenessProbe|readinessProbe|startupProbe):\\s*$");
  private static final Pattern PATH = Pattern.compile("^ *path: *(\\S+)\\s*$");
  private static final Pattern ENV_NAME = Pattern.compile("^ *- name: *(VITALS_[A-Z_]+)\\s*$");
  private static final Pattern ENV_VALUE = Pattern.compile("^ *value: *\"?([^\"]*)\"?\\s*$");

  private static List<String> lines;

  @BeforeAll
  static void readTheManifest() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.exists(here.resolve("docs/operators/kubernetes.yaml"))) {
      here = here.getParent();
    }
    assertThat(here).as("docs/operators/kubernetes.yaml above the module").isNotNull();
    lines = Files.readAllLines(here.resolve("docs/operators/kubernetes.yaml"));
  }

  @Test
  void eachKubernetesProbeAsksThePathOfItsOwnGroup() throws IOException {
    Map<String, String> paths = probePaths();
    assertThat(paths).containsOnlyKeys("livenessProbe", "readinessProbe", "startupProbe");
    AtomicReference<HealthReport> current = new AtomicReference<>(report(
        probe("heap").kinds(ProbeKind.LIVENESS).build(),
        probe("db").status(Status.DOWN).kinds(ProbeKind.READINESS).build(),
        probe("warmup").noResultYet().kinds(ProbeKind.STARTUP).build()));
    Exporter endpoint = new HttpExporterFactory()
        .create(new TestContext(Map.of("vitals.http.port", "0"), current::get)).orElseThrow();
    try {
      URI uri = ((HttpEndpoint) endpoint).uri();

      // liveness up, readiness down, startup without a result yet
      assertThat(Http.get(uri, paths.get("livenessProbe")).statusCode()).isEqualTo(200);
      assertThat(Http.get(uri, paths.get("readinessProbe")).statusCode()).isEqualTo(503);
      assertThat(Http.get(uri, paths.get("startupProbe")).statusCode()).isEqualTo(503);
      assertThat(Http.get(uri, paths.get("readinessProbe")).body()).contains("\"db\"").doesNotContain("heap");

      // the liveness probe down, the others up
      current.set(report(
          probe("heap").status(Status.DOWN).kinds(ProbeKind.LIVENESS).build(),
          probe("db").kinds(ProbeKind.READINESS).build(),
          probe("warmup").kinds(ProbeKind.STARTUP).build()));
      assertThat(Http.get(uri, paths.get("livenessProbe")).statusCode()).isEqualTo(503);
      assertThat(Http.get(uri, paths.get("readinessProbe")).statusCode()).isEqualTo(200);
      assertThat(Http.get(uri, paths.get("startupProbe")).statusCode()).isEqualTo(200);
    } finally {
      endpoint.close();
    }
  }

  @Test
  void theSettingsTheManifestGivesVitalsAreAcceptedAndBindEveryInterfaceOnItsPort() {
    Map<String, String> env = vitalsEnvironment();
    assertThat(env).containsKeys("VITALS_HTTP_HOST", "VITALS_HTTP_PORT", "VITALS_HTTP_DETAILS");
    Map<String, String> settings = new LinkedHashMap<>();
    env.forEach((name, value) -> settings.put(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'),
        value.isEmpty() ? "token-from-the-secret" : value));

    HttpEndpoint endpoint = HttpSettings.configure(TestContext.httpConfig(settings),
        HttpEndpoint.builder(() -> report(probe("db").build()))).orElseThrow().build();

    assertThat(endpoint.toString()).contains("0.0.0.0:" + env.get("VITALS_HTTP_PORT"), "details=authorized");
    endpoint.close();
  }

  /** The {@code httpGet.path} under each probe key. */
  private static Map<String, String> probePaths() {
    Map<String, String> paths = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher probe = PROBE.matcher(lines.get(i));
      if (!probe.matches()) {
        continue;
      }
      int indent = probe.group(1).length();
      for (int j = i + 1; j < lines.size(); j++) {
        String line = lines.get(j);
        if (!line.isBlank() && !line.trim().startsWith("#") && indentOf(line) <= indent) {
          break;
        }
        Matcher path = PATH.matcher(line);
        if (path.matches()) {
          assertThat(paths.put(probe.group(2), path.group(1))).as("one path for %s", probe.group(2)).isNull();
        }
      }
    }
    return paths;
  }

  /** {@code VITALS_*} variables: their {@code value}, or "" when they come from elsewhere (a Secret). */
  private static Map<String, String> vitalsEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher name = ENV_NAME.matcher(lines.get(i));
      if (name.matches()) {
        Matcher value = ENV_VALUE.matcher(i + 1 < lines.size() ? lines.get(i + 1) : "");
        env.put(name.group(1), value.matches() ? value.group(1) : "");
      }
    }
    return env;
  }

  private static int indentOf(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
