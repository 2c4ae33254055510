package dev.vitals.exporter.prometheus;

import dev.vitals.test.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vitals.api.HealthReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operators' kit in {@code docs/operators} against what Vitals really exports: the Kubernetes
 * manifest asks the endpoint's group paths on the port Vitals listens on, the Prometheus
 * configuration passes {@code promtool check config} and keeps Vitals' labels, and every metric and
 * label the Grafana dashboard queries is one that {@link VitalsPrometheus#write} renders for a report
 * with probes, trackers and a history store. Finally a real Prometheus scrapes a real exposition through the
 * configuration's own relabelling rules and answers every query of the dashboard.
 *
 * <p>The YAML files are read with SnakeYAML (safe constructor, repeated keys refused, as kubectl and
 * Prometheus refuse them); the dashboard with the strict little {@link Json} parser; PromQL with
 * {@link PromQl}. {@code promtool} and {@code prometheus} come from the Debian package
 * {@code prometheus}: without them those tests are skipped, or fail when {@code CI=true}.
 */
class OperatorsKitTest {

  /** The paths of the Vitals endpoint's groups (exporter-http, PRODUCT.md), by Kubernetes probe. */
  private static final Map<String, String> PROBE_PATHS = Map.of(
      "startupProbe", "/health/started",
      "livenessProbe", "/health/live",
      "readinessProbe", "/health/ready");

  /** Labels Prometheus itself puts on every scraped series. */
  private static final Set<String> PROMETHEUS_LABELS = Set.of("job", "instance");

  /** The figures the dashboard must show, by the metric family that carries them. */
  private static final List<String> DASHBOARD_MUST_SHOW = List.of(
      "vitals_service_score", "vitals_service_status", "vitals_probe_status", "vitals_probe_score",
      "vitals_probe_latency_seconds", "vitals_probe_error_ratio", "vitals_probe_availability_ratio",
      "vitals_tracker_latency_seconds", "vitals_tracker_error_ratio", "vitals_tracker_operations_total",
      "vitals_uptime_seconds", "vitals_cold_start_seconds", "vitals_history_last_write_timestamp_seconds",
      "vitals_history_write_failures_total", "vitals_history_pending_records", "vitals_history_dropped_records_total");

  /** The recorded fleet series the dashboard must show. */
  private static final List<String> FLEET_MUST_SHOW = List.of(
      "service:up:sum", "service:up:count", "service:vitals_service_status:sum", "service:vitals_service_score:min",
      "service:vitals_service_score:avg", "service:vitals_probe_up:ratio", "service:vitals_probe_availability_ratio:avg",
      "service:vitals_probe_latency_seconds:max", "service:vitals_probe_error_ratio:avg",
      "service:vitals_tracker_errors:ratio_rate5m", "service:vitals_tracker_latency_seconds:max");

  private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$");
  private static final Pattern VARIABLE = Pattern.compile("\\$(\\{[a-zA-Z_][a-zA-Z0-9_]*}|[a-zA-Z_][a-zA-Z0-9_]*)");
  private static final Duration PATIENCE = Duration.ofSeconds(40);

  private static Path operators;
  private static Exposition exposition;
  /** Label names of each exported sample name. */
  private static final Map<String, Set<String>> labelsOf = new TreeMap<>();
  /** Values of each label of each exported sample name. */
  private static final Map<String, Map<String, Set<String>>> valuesOf = new TreeMap<>();
  /**
   * Label names of every series a dashboard query may select: the exported ones and those the
   * recording rules of {@link VitalsPrometheus#recordingRules()} record (besides the service labels,
   * which are target labels).
   */
  private static final Map<String, Set<String>> queryableLabelsOf = new TreeMap<>();
  /** Values of each Vitals label of every series a dashboard query may select. */
  private static final Map<String, Map<String, Set<String>>> queryableValuesOf = new TreeMap<>();

  @TempDir
  Path dir;

  private HttpServer server;
  private Process prometheus;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void renderARealReport() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.isDirectory(here.resolve("docs/operators"))) {
      here = here.getParent();
    }
    assertThat(here).as("docs/operators above %s", Path.of("").toAbsolutePath()).isNotNull();
    operators = here.resolve("docs/operators");
    exposition = Exposition.parse(PrometheusMetricsWriterTest.text(Fixtures.twoProbesTwoTrackersWithHistory()));
    for (Exposition.Sample s : exposition.samples) {
      labelsOf.computeIfAbsent(s.name(), k -> new TreeSet<>()).addAll(s.labels().keySet());
      s.labels().forEach((k, v) -> valuesOf.computeIfAbsent(s.name(), n -> new TreeMap<>())
          .computeIfAbsent(k, l -> new TreeSet<>()).add(v));
    }
    queryableLabelsOf.putAll(labelsOf);
    queryableValuesOf.putAll(valuesOf);
    for (RecordingRuleFile.Rule r : RecordingRuleFile.rules(RecordingRuleFile.DEFAULT_SERVICE_LABELS)) {
      queryableLabelsOf.put(r.record(), new TreeSet<>(r.labels()));
      Map<String, Set<String>> values = new TreeMap<>();
      for (String label : r.labels()) {
        values.put(label, valuesOf.get(r.source()).get(label));
      }
      queryableValuesOf.put(r.record(), values);
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
    if (server != null) {
      server.stop(0);
    }
  }

  // ---------------------------------------------------------------- kubernetes.yaml

  @Test
  void kubernetesManifestIsADeploymentAndServices() throws IOException {
    List<Map<String, Object>> docs = yamlDocuments("kubernetes.yaml");

    assertThat(docs).extracting(d -> d.get("kind")).containsExactly("Deployment", "Service", "Service");
    for (Map<String, Object> d : docs) {
      assertThat(d.get("apiVersion")).as("apiVersion of %s", d.get("kind"))
          .isEqualTo(d.get("kind").equals("Deployment") ? "apps/v1" : "v1");
      assertThat(str(d, "metadata", "name")).isNotBlank();
    }
    Map<String, Object> deployment = docs.get(0);
    assertThat(map(deployment, "spec", "selector", "matchLabels"))
        .isEqualTo(map(deployment, "spec", "template", "metadata", "labels"));
  }

  @Test
  void theThreeProbesAskTheEndpointsGroupPathsOnTheVitalsPort() throws IOException {
    Map<String, Object> container = vitalsContainer();
    int port = vitalsPort(container);

    for (Map.Entry<String, String> e : PROBE_PATHS.entrySet()) {
      Map<String, Object> httpGet = map(container, e.getKey(), "httpGet");
      assertThat(httpGet.get("path")).as("%s path", e.getKey()).isEqualTo(e.getValue());
      assertThat(httpGet.get("port")).as("%s port: the port named vitals, or its number", e.getKey())
          .isIn("vitals", port);
      assertThat(httpGet.getOrDefault("scheme", "HTTP")).isEqualTo("HTTP");
    }
  }

  @Test
  void vitalsListensOnEveryInterfaceOfThePortTheContainerDeclares() throws IOException {
    Map<String, Object> container = vitalsContainer();
    Map<String, String> env = new LinkedHashMap<>();
    for (Object o : list(container, "env")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> var = (Map<String, Object>) o;
      env.put((String) var.get("name"), var.get("value") == null ? null : String.valueOf(var.get("value")));
    }

    assertThat(env).containsEntry("VITALS_HTTP_PORT", String.valueOf(vitalsPort(container)));
    assertThat(env).as("the kubelet probes the pod IP, not loopback").containsEntry("VITALS_HTTP_HOST", "0.0.0.0");
    assertThat(env).containsEntry("VITALS_HTTP_DETAILS", "authorized").containsKey("VITALS_HTTP_TOKEN");
    assertThat(env.get("VITALS_HTTP_TOKEN")).as("the token comes from a Secret, not the manifest").isNull();
  }

  @Test
  void probeTimingsGiveAStartTimeAndRestartOnlyAfterRepeatedFailures() throws IOException {
    Map<String, Object> container = vitalsContainer();
    Map<String, Object> startup = map(container, "startupProbe");
    Map<String, Object> liveness = map(container, "livenessProbe");
    Map<String, Object> readiness = map(container, "readinessProbe");

    for (Map<String, Object> p : List.of(startup, liveness, readiness)) {
      assertThat(num(p, "timeoutSeconds")).as("timeout below the period").isLessThan(num(p, "periodSeconds"));
      assertThat(num(p, "timeoutSeconds")).as("answers come from the latest results: 1 to 5 s").isBetween(1, 5);
    }
    assertThat(num(startup, "periodSeconds") * num(startup, "failureThreshold"))
        .as("seconds allowed to start").isGreaterThanOrEqualTo(60);
    assertThat(num(liveness, "periodSeconds") * num(liveness, "failureThreshold"))
        .as("seconds of failed liveness before a restart").isGreaterThanOrEqualTo(30);
    assertThat(num(liveness, "failureThreshold")).isGreaterThanOrEqualTo(3);
    assertThat(num(readiness, "periodSeconds")).as("readiness reacts faster than liveness")
        .isLessThan(num(liveness, "periodSeconds"));
  }

  @Test
  void aHeadlessServicePublishesEveryPodsVitalsPortUnderTheNamePrometheusResolves() throws IOException {
    List<Map<String, Object>> docs = yamlDocuments("kubernetes.yaml");
    Map<String, Object> podLabels = map(docs.get(0), "spec", "template", "metadata", "labels");
    int port = vitalsPort(vitalsContainer());
    Map<String, Object> headless = docs.stream().filter(d -> "None".equals(map(d, "spec").get("clusterIP")))
        .findFirst().orElseGet(() -> fail("no headless Service (clusterIP: None)"));
    String name = str(headless, "metadata", "name");

    assertThat(map(headless, "spec", "selector")).isEqualTo(podLabels);
    assertThat(map(headless, "spec").get("publishNotReadyAddresses")).isEqualTo(true);
    Map<String, Object> servicePort = list(map(headless, "spec"), "ports").stream().map(OperatorsKitTest::asMap)
        .filter(p -> "vitals".equals(p.get("name"))).findFirst().orElseGet(() -> fail("no port named vitals"));
    assertThat(servicePort.get("targetPort")).isIn("vitals", port);
    assertThat(dnsNames()).as("SRV names in prometheus.yml")
        .isNotEmpty()
        .allSatisfy(n -> assertThat(n).startsWith("_vitals._tcp." + name + "."));
    for (Map<String, Object> other : docs.subList(1, docs.size())) {
      assertThat(map(other, "spec", "selector")).isEqualTo(podLabels);
    }
  }

  // ---------------------------------------------------------------- prometheus.yml

  @Test
  void prometheusScrapesMetricsEvery15Seconds() throws IOException {
    Map<String, Object> config = prometheusConfig();

    assertThat(map(config, "global").get("scrape_interval")).isEqualTo("15s");
    assertThat(jobs(config)).isNotEmpty().allSatisfy(job -> {
      assertThat(job.getOrDefault("metrics_path", "/metrics")).isEqualTo("/metrics");
      assertThat(job.getOrDefault("scrape_interval", "15s")).isEqualTo("15s");
    });
    assertThat(jobs(config)).extracting(j -> j.get("job_name")).doesNotHaveDuplicates();
  }

  @Test
  void prometheusConfigPassesPromtoolCheckConfig() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");

    Run r = run(promtool, "check", "config", operators.resolve("prometheus.yml").toString());

    assertThat(r.exitCode).as("promtool said:\n%s", r.output).isZero();
    assertThat(r.output).contains("SUCCESS").doesNotContain("WARNING");
  }

  @Test
  void prometheusLoadsTheRecordingRulesVitalsGenerates() throws IOException {
    assertThat(list(prometheusConfig(), "rule_files")).isEqualTo(List.of("vitals-recording-rules.yml"));
    assertThat(Files.readString(operators.resolve("vitals-recording-rules.yml")))
        .as("docs/operators/vitals-recording-rules.yml is VitalsPrometheus.recordingRules(): write it again when the "
            + "rules change")
        .isEqualTo(VitalsPrometheus.recordingRules());
    Set<String> serviceLabels = new TreeSet<>(Set.of("job"));
    for (Map<String, Object> job : jobs(prometheusConfig())) {
      for (Map<String, Object> r : rules(job, "relabel_configs")) {
        if (r.get("target_label") != null) {
          serviceLabels.add((String) r.get("target_label"));
        }
      }
      for (Object group : job.get("static_configs") instanceof List ? (List<?>) job.get("static_configs") : List.of()) {
        Object l = asMap(group).get("labels");
        if (l != null) {
          serviceLabels.addAll(asMap(l).keySet());
        }
      }
    }
    assertThat(RecordingRuleFile.DEFAULT_SERVICE_LABELS).as("the labels that name a service are those the jobs set")
        .containsExactlyInAnyOrderElementsOf(serviceLabels);
  }

  @Test
  void relabellingDropsEveryTargetLabelNamedLikeAVitalsLabelAndTouchesNoVitalsLabel() throws IOException {
    Set<String> vitalsLabels = new TreeSet<>();
    labelsOf.values().forEach(vitalsLabels::addAll);
    assertThat(vitalsLabels).contains("probe", "tracker", "status", "group", "percentile", "window");

    for (Map<String, Object> job : jobs(prometheusConfig())) {
      List<Map<String, Object>> rules = rules(job, "relabel_configs");
      List<String> drops = rules.stream().filter(r -> "labeldrop".equals(r.get("action")))
          .map(r -> (String) r.get("regex")).toList();
      for (String label : vitalsLabels) {
        assertThat(drops).as("job %s: a labeldrop rule for the Vitals label '%s'", job.get("job_name"), label)
            .anyMatch(regex -> Pattern.compile(regex).matcher(label).matches());
      }
      for (Map<String, Object> r : rules) {
        assertThat((String) r.get("target_label")).as("job %s relabels onto a Vitals label", job.get("job_name"))
            .isNotIn(vitalsLabels);
      }
      for (Map<String, Object> r : rules(job, "metric_relabel_configs")) {
        assertThat((String) r.get("action")).as("metric relabelling in job %s", job.get("job_name"))
            .isNotIn("labeldrop", "labelkeep", "labelmap");
        assertThat((String) r.get("target_label")).isNotIn(vitalsLabels);
        List<?> sources = r.get("source_labels") instanceof List ? (List<?>) r.get("source_labels") : List.of();
        if (sources.equals(List.of("__name__")) && r.get("regex") != null) {
          Pattern p = Pattern.compile((String) r.get("regex"));
          assertThat(labelsOf.keySet()).as("metric names matched by %s", r.get("regex"))
              .anyMatch(n -> p.matcher(n).matches());
        }
      }
    }
  }

  // ---------------------------------------------------------------- grafana-dashboard.json

  @Test
  void dashboardIsJsonWithADataSourceVariableAndProbeAndTrackerVariables() throws IOException {
    Map<String, Object> dashboard = dashboard();
    List<Map<String, Object>> variables = list(map(dashboard, "templating"), "list").stream()
        .map(OperatorsKitTest::asMap).toList();

    assertThat(dashboard.get("title")).isEqualTo("Vitals");
    assertThat(variables).filteredOn(v -> "datasource".equals(v.get("type")))
        .singleElement().satisfies(v -> {
          assertThat(v.get("name")).isEqualTo("datasource");
          assertThat(v.get("query")).isEqualTo("prometheus");
        });
    Map<String, String> queries = new TreeMap<>();
    for (Map<String, Object> v : variables) {
      if ("query".equals(v.get("type"))) {
        queries.put((String) v.get("name"), variableQuery(v));
        assertThat(v.get("datasource")).as("variable %s data source", v.get("name"))
            .isEqualTo(Map.of("type", "prometheus", "uid", "${datasource}"));
      }
    }
    assertThat(queries.get("probe")).matches(".*label_values\\(vitals_probe_[a-z_]+.*, probe\\)");
    assertThat(queries.get("tracker")).matches(".*label_values\\(vitals_tracker_[a-z_]+.*, tracker\\)");
  }

  @Test
  void scorePanelsColourByTheScoreBandsOfTheStatusPage() throws IOException {
    List<Map<String, Object>> scorePanels = panels(dashboard()).stream()
        .filter(p -> String.valueOf(p.get("targets")).contains("_score{")).toList();
    assertThat(scorePanels).as("service, probe and tracker score panels").hasSize(3);
    for (Map<String, Object> p : scorePanels) {
      List<?> steps = list(map(p, "fieldConfig", "defaults", "thresholds"), "steps");
      assertThat(steps).as("%s", p.get("title"))
          .extracting(s -> asMap(s).get("value") == null ? null : ((Number) asMap(s).get("value")).doubleValue(),
              s -> asMap(s).get("color"))
          .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "red"),
              org.assertj.core.groups.Tuple.tuple(dev.vitals.api.ScoreBand.ATTENTION_MIN, "orange"),
              org.assertj.core.groups.Tuple.tuple(dev.vitals.api.ScoreBand.HEALTHY_MIN, "green"));
    }
  }

  @Test
  void everyPanelAndQueryUsesTheDataSourceVariable() throws IOException {
    List<Map<String, Object>> panels = panels(dashboard());

    assertThat(panels).isNotEmpty();
    for (Map<String, Object> p : panels) {
      if ("row".equals(p.get("type"))) {
        continue;
      }
      assertThat(p.get("datasource")).as("panel %s", p.get("title"))
          .isEqualTo(Map.of("type", "prometheus", "uid", "${datasource}"));
      assertThat(list(p, "targets")).as("queries of panel %s", p.get("title")).isNotEmpty()
          .allSatisfy(t -> assertThat(asMap(t).get("datasource")).isEqualTo(p.get("datasource")));
    }
  }

  @Test
  void everyMetricTheDashboardQueriesIsOneVitalsExportsOrTheRecordingRulesRecord() throws IOException {
    Map<String, Set<String>> used = new TreeMap<>();
    for (String expr : allQueries(dashboard())) {
      List<PromQl.Selector> selectors = PromQl.selectors(stripLabelValues(expr));
      assertThat(selectors).as("selectors in %s", expr).isNotEmpty();
      for (PromQl.Selector s : selectors) {
        assertThat(s.metric()).as("a selector without a metric name in %s", expr).isNotNull();
        used.computeIfAbsent(s.metric(), k -> new TreeSet<>()).add(expr);
      }
    }

    assertThat(used.keySet()).as("metric names in the dashboard's queries (exported or recorded: %s)",
            queryableLabelsOf.keySet())
        .isSubsetOf(queryableLabelsOf.keySet());
    assertThat(used.keySet()).containsAll(DASHBOARD_MUST_SHOW);
    assertThat(allQueries(dashboard()))
        .anyMatch(q -> q.replaceAll("\\{[^}]*}", "").contains("rate(vitals_tracker_operations_total[5m])"));
  }

  @Test
  void dashboardSelectsServiceAndInstanceAndShowsEachServiceAcrossItsInstancesFromTheRecordingRules()
      throws IOException {
    Map<String, Object> dashboard = dashboard();
    Map<String, String> variables = new TreeMap<>();
    for (Object o : list(map(dashboard, "templating"), "list")) {
      if ("query".equals(asMap(o).get("type"))) {
        variables.put((String) asMap(o).get("name"), variableQuery(asMap(o)));
      }
    }
    assertThat(variables.get("service")).isEqualTo("label_values(vitals_service_score{job=~\"$job\"}, service)");
    assertThat(variables.get("instance")).contains("service=~\"$service\"").endsWith(", instance)");

    // every panel follows the job and service selectors; per-instance panels the instance selector too
    List<Map<String, Object>> all = panels(dashboard);
    for (Map<String, Object> p : all) {
      for (Object t : p.get("targets") instanceof List ? (List<?>) p.get("targets") : List.of()) {
        String expr = (String) asMap(t).get("expr");
        for (PromQl.Selector s : PromQl.selectors(expr)) {
          assertThat(s.matchers()).as("selectors of %s in panel %s", s.metric(), p.get("title"))
              .contains(new PromQl.Matcher("job", "=~", "$job"), new PromQl.Matcher("service", "=~", "$service"));
          if (!s.metric().startsWith("service:")) {
            assertThat(s.matchers()).as("%s in panel %s", s.metric(), p.get("title"))
                .contains(new PromQl.Matcher("instance", "=~", "$instance"));
          }
        }
      }
    }

    // the first row is the fleet: recorded series only, never one instance's
    assertThat(all.get(0).get("type")).isEqualTo("row");
    assertThat((String) all.get(0).get("title")).startsWith("Fleet");
    Set<String> recorded = new TreeSet<>();
    for (Map<String, Object> p : all.subList(1, all.size())) {
      if ("row".equals(p.get("type"))) {
        break;
      }
      for (Object t : list(p, "targets")) {
        for (PromQl.Selector s : PromQl.selectors((String) asMap(t).get("expr"))) {
          assertThat(s.metric()).as("fleet panel %s", p.get("title")).startsWith("service:");
          assertThat(s.matchers()).extracting(PromQl.Matcher::label).doesNotContain("instance");
          recorded.add(s.metric());
        }
      }
    }
    assertThat(recorded).containsAll(FLEET_MUST_SHOW);
  }

  @Test
  void onlyCountersAreRatedAndNoCounterIsShownRaw() throws IOException {
    for (String expr : allQueries(dashboard())) {
      for (PromQl.Selector s : PromQl.selectors(stripLabelValues(expr))) {
        if (isCounter(s.metric())) {
          assertThat(s.inCounterFunction() || expr.trim().startsWith("label_values"))
              .as("counter %s outside rate()/increase() in %s", s.metric(), expr).isTrue();
        } else {
          assertThat(s.inCounterFunction()).as("gauge %s inside rate()/increase() in %s", s.metric(), expr).isFalse();
        }
      }
    }
  }

  @Test
  void everyLabelTheDashboardMatchesIsOnItsMetricWithValuesVitalsWrites() throws IOException {
    Set<String> targetLabels = targetLabels();
    for (String expr : allQueries(dashboard())) {
      Matcher lv = LABEL_VALUES.matcher(expr);
      if (lv.matches()) {
        String label = lv.group(2);
        for (PromQl.Selector s : PromQl.selectors(lv.group(1))) {
          if (!targetLabels.contains(label)) {
            assertThat(queryableLabelsOf.get(s.metric())).as("label_values(%s, %s)", s.metric(), label).contains(label);
          }
        }
      }
      for (PromQl.Selector s : PromQl.selectors(stripLabelValues(expr))) {
        for (PromQl.Matcher m : s.matchers()) {
          if (targetLabels.contains(m.label())) {
            continue;
          }
          assertThat(queryableLabelsOf.get(s.metric())).as("labels of %s, matched in %s", s.metric(), expr)
              .contains(m.label());
          if (VARIABLE.matcher(m.value()).find()) {
            assertThat(m.op()).as("a multi-value variable needs =~ in %s", expr).isEqualTo("=~");
          } else if (m.op().equals("=") || m.op().equals("=~")) {
            Set<String> written = queryableValuesOf.get(s.metric()).get(m.label());
            List<String> wanted = m.op().equals("=") ? List.of(m.value()) : List.of(m.value().split("\\|"));
            assertThat(written).as("values of %s{%s} matched in %s", s.metric(), m.label(), expr).containsAll(wanted);
          }
        }
      }
    }
  }

  @Test
  void dashboardQueriesPassPromtoolAsRecordingRules() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    List<Map<String, Object>> rules = new ArrayList<>();
    int n = 0;
    for (String expr : allQueries(dashboard())) {
      Matcher lv = LABEL_VALUES.matcher(expr);
      String promql = lv.matches() ? "count by (" + lv.group(2) + ") (" + lv.group(1) + ")" : expr;
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("record", "dashboard:query_" + (++n));
      rule.put("expr", allValues(promql));
      rules.add(rule);
    }
    Path file = dir.resolve("dashboard-rules.yml");
    Files.writeString(file, dump(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))));

    Run r = run(promtool, "check", "rules", file.toString());

    assertThat(r.exitCode).as("promtool said:\n%s", r.output).isZero();
    assertThat(r.output).contains("SUCCESS: " + n + " rules found");
  }

  @Test
  void panelsFitTheGridWithoutOverlapping() throws IOException {
    List<int[]> placed = new ArrayList<>();
    Set<Object> ids = new LinkedHashSet<>();
    for (Map<String, Object> p : panels(dashboard())) {
      assertThat(ids.add(p.get("id"))).as("panel id %s repeated", p.get("id")).isTrue();
      Map<String, Object> g = map(p, "gridPos");
      int x = num(g, "x");
      int y = num(g, "y");
      int w = num(g, "w");
      int h = num(g, "h");
      assertThat(x + w).as("panel %s fits 24 columns", p.get("title")).isLessThanOrEqualTo(24);
      assertThat(w).isPositive();
      assertThat(h).isPositive();
      for (int[] o : placed) {
        boolean overlap = x < o[0] + o[2] && o[0] < x + w && y < o[1] + o[3] && o[1] < y + h;
        assertThat(overlap).as("panel %s overlaps another", p.get("title")).isFalse();
      }
      placed.add(new int[] {x, y, w, h});
    }
  }

  @Test
  void theExpressionScanFindsEveryMetricAndNothingElse() {
    List<PromQl.Selector> s = PromQl.selectors(
        "sum by (tracker) (rate(vitals_tracker_operations_total{job=~\"$job\", tracker=~\"a|b\"}[5m])) "
            + "/ on (tracker) group_left max without (instance) (vitals_tracker_score offset 1h) > bool 0.5e3 "
            + "or histogram_quantile(0.95, some_other_metric{le!=\"+Inf\"}) * $scale");

    assertThat(s).extracting(PromQl.Selector::metric)
        .containsExactly("vitals_tracker_operations_total", "vitals_tracker_score", "some_other_metric");
    assertThat(s).extracting(PromQl.Selector::inCounterFunction).containsExactly(true, false, false);
    assertThat(s.get(0).matchers()).containsExactly(new PromQl.Matcher("job", "=~", "$job"),
        new PromQl.Matcher("tracker", "=~", "a|b"));
    assertThat(labelsOf).doesNotContainKey("some_other_metric");
    assertThatThrownBy(() -> PromQl.selectors("sum(rate(x[5m])")).hasMessageContaining("unbalanced");
    assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("duplicate member");
  }

  // ---------------------------------------------------------------- a real Prometheus

  @Test
  void aRealPrometheusScrapingThroughTheseRulesKeepsVitalsLabelsAndAnswersEveryDashboardQuery() throws Exception {
    String binary = Tools.require("prometheus", "prometheus");
    HealthReport report = Fixtures.twoProbesTwoTrackersWithHistory();
    PrometheusMetricsWriter writer = new PrometheusMetricsWriter();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/metrics", ex -> serve(ex, writer, report));
    server.start();
    String target = "127.0.0.1:" + server.getAddress().getPort();
    List<String> dnsNames = dnsNames();

    // Each job of the operators' file, with its own relabelling rules, scraping the local target; the
    // DNS job's target carries the SRV name it would have been discovered by, and every target carries
    // labels that clash with Vitals' own (probe, tracker ...), which the rules must drop.
    List<Map<String, Object>> testJobs = new ArrayList<>();
    Set<String> jobNames = new TreeSet<>();
    for (Map<String, Object> job : jobs(prometheusConfig())) {
      Map<String, Object> labels = new LinkedHashMap<>();
      for (Object group : job.get("static_configs") instanceof List ? (List<?>) job.get("static_configs") : List.of()) {
        Object l = asMap(group).get("labels");
        if (l != null) {
          labels.putAll(asMap(l));
        }
      }
      if (job.containsKey("dns_sd_configs")) {
        labels.put("__meta_dns_name", dnsNames.get(0));
      }
      for (String vitalsLabel : List.of("probe", "tracker", "status", "group", "percentile", "window")) {
        labels.put(vitalsLabel, "from-the-target");
      }
      Map<String, Object> testJob = new LinkedHashMap<>();
      testJob.put("job_name", job.get("job_name"));
      testJob.put("metrics_path", job.getOrDefault("metrics_path", "/metrics"));
      testJob.put("static_configs", List.of(Map.of("targets", List.of(target), "labels", labels)));
      for (String key : List.of("relabel_configs", "metric_relabel_configs", "honor_labels")) {
        if (job.containsKey(key)) {
          testJob.put(key, job.get(key));
        }
      }
      testJobs.add(testJob);
      jobNames.add((String) job.get("job_name"));
    }
    Path config = dir.resolve("prometheus.yml");
    Path recordingRules = operators.resolve("vitals-recording-rules.yml");
    Files.writeString(config, dump(Map.of(
        "global", Map.of("scrape_interval", "1s", "scrape_timeout", "1s", "evaluation_interval", "1s"),
        "rule_files", List.of(recordingRules.toString()),
        "scrape_configs", testJobs)));
    int port = freePort();
    prometheus = new ProcessBuilder(binary, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    String api = "http://127.0.0.1:" + port + "/api/v1/";

    await("every job scraped at least three times").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
        .ignoreExceptions().untilAsserted(() -> {
          assertThat(prometheus.isAlive()).as("prometheus running; log:\n%s", log()).isTrue();
          for (String job : jobNames) {
            List<Map<String, Object>> r = query(api, "count_over_time(up{job=\"" + job + "\"}[1m]) >= 3 and up == 1");
            assertThat(r).as("job %s", job).hasSize(1);
          }
        });

    for (String job : jobNames) {
      List<Map<String, Object>> down = query(api, "vitals_probe_status{job=\"" + job + "\",probe=\"db\",status=\"down\"}");
      assertThat(down).as("db's status series in job %s", job).hasSize(1);
      assertThat(asMap(down.get(0).get("metric"))).doesNotContainKey("exported_probe");
    }
    assertThat(query(api, "{__name__=~\"vitals_.+\",probe=\"from-the-target\"}")).isEmpty();
    assertThat(query(api, "count({__name__=~\"vitals_.+\",exported_probe!=\"\"} or {__name__=~\"vitals_.+\","
        + "exported_tracker!=\"\"} or {__name__=~\"vitals_.+\",exported_status!=\"\"})")).isEmpty();
    List<Map<String, Object>> dnsJob = query(api, "vitals_service_score{job=\"vitals\"}");
    assertThat(dnsJob).singleElement().satisfies(s -> assertThat(asMap(asMap(s).get("metric")))
        .containsEntry("service", "checkout-vitals").containsEntry("namespace", "default"));

    // every query of the dashboard, the fleet's over the recorded series included, answers once the
    // recording rules have been evaluated on these scrapes
    List<String> queries = allQueries(dashboard());
    await("every dashboard query answered").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
        .ignoreExceptions().untilAsserted(() -> {
          for (String expr : queries) {
            Matcher lv = LABEL_VALUES.matcher(expr);
            String promql = allValues(lv.matches() ? "count by (" + lv.group(2) + ") (" + lv.group(1) + ")" : expr);
            assertThat(query(api, promql)).as("result of the dashboard's %s", expr).isNotEmpty();
          }
        });
    assertThat(query(api, "service:up:count{job=\"vitals\",service=\"checkout-vitals\",namespace=\"default\"}"))
        .as("the fleet series carry the service labels of the scrape configuration").hasSize(1);
  }

  // ---------------------------------------------------------------- helpers

  private Map<String, Object> vitalsContainer() throws IOException {
    Map<String, Object> deployment = yamlDocuments("kubernetes.yaml").get(0);
    List<Map<String, Object>> containers = list(map(deployment, "spec", "template", "spec"), "containers").stream()
        .map(OperatorsKitTest::asMap)
        .filter(c -> c.get("ports") instanceof List && ((List<?>) c.get("ports")).stream()
            .anyMatch(p -> "vitals".equals(asMap(p).get("name"))))
        .toList();
    assertThat(containers).as("containers with a port named vitals").hasSize(1);
    return containers.get(0);
  }

  private static int vitalsPort(Map<String, Object> container) {
    return list(container, "ports").stream().map(OperatorsKitTest::asMap).filter(p -> "vitals".equals(p.get("name")))
        .map(p -> ((Number) p.get("containerPort")).intValue()).findFirst().orElseThrow();
  }

  private List<String> dnsNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (Map<String, Object> job : jobs(prometheusConfig())) {
      for (Object sd : job.get("dns_sd_configs") instanceof List ? (List<?>) job.get("dns_sd_configs") : List.of()) {
        assertThat(asMap(sd).get("type")).isEqualTo("SRV");
        for (Object n : list(asMap(sd), "names")) {
          names.add((String) n);
        }
      }
    }
    return names;
  }

  private Map<String, Object> prometheusConfig() throws IOException {
    List<Map<String, Object>> docs = yamlDocuments("prometheus.yml");
    assertThat(docs).hasSize(1);
    return docs.get(0);
  }

  private static List<Map<String, Object>> jobs(Map<String, Object> config) {
    return list(config, "scrape_configs").stream().map(OperatorsKitTest::asMap).toList();
  }

  private static List<Map<String, Object>> rules(Map<String, Object> job, String key) {
    return job.get(key) == null ? List.of() : list(job, key).stream().map(OperatorsKitTest::asMap).toList();
  }

  /** Labels a series gets from its target: Prometheus' own, relabelled ones, static ones. */
  private Set<String> targetLabels() throws IOException {
    Set<String> labels = new TreeSet<>(PROMETHEUS_LABELS);
    for (Map<String, Object> job : jobs(prometheusConfig())) {
      for (Map<String, Object> r : rules(job, "relabel_configs")) {
        if (r.get("target_label") != null) {
          labels.add((String) r.get("target_label"));
        }
      }
      for (Object group : job.get("static_configs") instanceof List ? (List<?>) job.get("static_configs") : List.of()) {
        Object l = asMap(group).get("labels");
        if (l != null) {
          labels.addAll(asMap(l).keySet());
        }
      }
    }
    return labels;
  }

  private static List<Map<String, Object>> yamlDocuments(String file) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml.loadAll(Files.readString(operators.resolve(file)))) {
      assertThat(doc).as("a document of %s", file).isInstanceOf(Map.class);
      docs.add(asMap(doc));
    }
    return docs;
  }

  private static String dump(Object value) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(value);
  }

  private static Map<String, Object> dashboard() throws IOException {
    return asMap(Json.parse(Files.readString(operators.resolve("grafana-dashboard.json"))));
  }

  /** Every panel, those inside collapsed rows included. */
  private static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : list(dashboard, "panels")) {
      Map<String, Object> p = asMap(o);
      out.add(p);
      if (p.get("panels") instanceof List) {
        ((List<?>) p.get("panels")).forEach(inner -> out.add(asMap(inner)));
      }
    }
    return out;
  }

  /** Every PromQL expression of the dashboard: its panels' queries and its variables' queries. */
  private static List<String> allQueries(Map<String, Object> dashboard) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> p : panels(dashboard)) {
      for (Object t : p.get("targets") instanceof List ? (List<?>) p.get("targets") : List.of()) {
        Object expr = asMap(t).get("expr");
        assertThat(expr).as("a query of panel %s without expr", p.get("title")).isInstanceOf(String.class);
        out.add((String) expr);
      }
    }
    for (Object v : list(map(dashboard, "templating"), "list")) {
      if ("query".equals(asMap(v).get("type"))) {
        out.add(variableQuery(asMap(v)));
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  private static String variableQuery(Map<String, Object> variable) {
    Object q = variable.get("query");
    return q instanceof Map ? (String) asMap(q).get("query") : (String) q;
  }

  /** {@code label_values(sel, label)} to {@code sel}; other queries unchanged. */
  private static String stripLabelValues(String expr) {
    Matcher m = LABEL_VALUES.matcher(expr);
    return m.matches() ? m.group(1) : expr;
  }

  /** Grafana variables as "All" selects them. */
  private static String allValues(String expr) {
    return VARIABLE.matcher(expr).replaceAll(".+");
  }

  private static boolean isCounter(String sample) {
    String family = sample.endsWith("_total") ? sample.substring(0, sample.length() - "_total".length()) : sample;
    return "counter".equals(exposition.type.get(sample)) || "counter".equals(exposition.type.get(family));
  }

  private record Run(int exitCode, String output) {}

  private Run run(String... command) throws Exception {
    Path out = dir.resolve("tool-output.txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Run(p.exitValue(), Files.readString(out));
  }

  private static void serve(HttpExchange ex, PrometheusMetricsWriter writer, HealthReport report) throws IOException {
    String type = writer.contentType(ex.getRequestHeaders().getFirst("Accept"));
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      writer.write(report, Fixtures.NOW, type, out);
    }
  }

  /** The series of an instant query's vector result. */
  private List<Map<String, Object>> query(String api, String promql) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create(api + "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("query %s: %s", promql, r.body()).isEqualTo(200);
    Map<String, Object> data = map(asMap(Json.parse(r.body())), "data");
    assertThat(data.get("resultType")).as("result type of %s", promql).isEqualTo("vector");
    return list(data, "result").stream().map(OperatorsKitTest::asMap).toList();
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("prometheus.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> map(Map<String, Object> root, String... path) {
    Map<String, Object> m = root;
    for (String key : path) {
      assertThat(m).as("key %s", key).containsKey(key);
      m = asMap(m.get(key));
    }
    return m;
  }

  private static List<?> list(Map<String, Object> m, String key) {
    assertThat(m.get(key)).as("list %s", key).isInstanceOf(List.class);
    return (List<?>) m.get(key);
  }

  private static String str(Map<String, Object> root, String... path) {
    Map<String, Object> parent = map(root, java.util.Arrays.copyOf(path, path.length - 1));
    return (String) parent.get(path[path.length - 1]);
  }

  private static int num(Map<String, Object> m, String key) {
    assertThat(m.get(key)).as("number %s", key).isInstanceOf(Number.class);
    return ((Number) m.get(key)).intValue();
  }
}
