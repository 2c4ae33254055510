package dev.vitals.lambda;

import static dev.vitals.lambda.CloudWatchDefinitionsDashboardsTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.Config;
import dev.vitals.test.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CloudFormation template: the same dashboards and alarms as resources with valid logical ids. */
class CloudWatchDefinitionsCloudFormationTest {

  static final List<String> FUNCTIONS = List.of("orders-api", "orders_api", "ordersapi");
  static final Map<String, String> SETTINGS = Map.of("vitals.alerts.probe-down.enabled", "false",
      "vitals.lambda.namespace", "Orders Prod");

  @Test
  void holdsEveryDashboardAndAlarmAsResourcesWithAlphanumericUniqueLogicalIds() {
    Config config = Config.of(SETTINGS);
    Map<String, Object> template = Json.parseObject(CloudWatchDefinitions.cloudFormation(config, FUNCTIONS, Map.of()));
    assertThat(template).containsEntry("AWSTemplateFormatVersion", "2010-09-09").containsKey("Resources");
    Map<String, Object> resources = map(template.get("Resources"));

    Map<String, Object> dashboards = new LinkedHashMap<>();
    List<Object> alarms = new ArrayList<>();
    for (Map.Entry<String, Object> r : resources.entrySet()) {
      assertThat(r.getKey()).matches("[A-Za-z0-9]{1,255}");
      Map<String, Object> resource = map(r.getValue());
      assertThat(resource.keySet()).containsExactly("Type", "Properties");
      Map<String, Object> props = map(resource.get("Properties"));
      if (resource.get("Type").equals("AWS::CloudWatch::Dashboard")) {
        assertThat(props.keySet()).containsExactly("DashboardName", "DashboardBody");
        assertThat(props.get("DashboardBody")).as("DashboardBody is a string").isInstanceOf(String.class);
        dashboards.put((String) props.get("DashboardName"), Json.parseObject((String) props.get("DashboardBody")));
      } else {
        assertThat(resource.get("Type")).isEqualTo("AWS::CloudWatch::Alarm");
        alarms.add(props);
      }
    }
    // the same definitions as the other two commands, nothing lost or added
    assertThat(dashboards).isEqualTo(Json.parseObject(CloudWatchDefinitions.dashboards(config, FUNCTIONS, Map.of())));
    assertThat(alarms).isEqualTo(Json.parseArray(CloudWatchDefinitions.alarms(config, FUNCTIONS, Map.of())));
    assertThat(alarms).hasSize(9);
    assertThat(resources.keySet()).contains("VitalsOverviewDashboard", "VitalsPerformanceOrdersApiDashboard",
        "VitalsPerformanceOrdersApiDashboard2", "VitalsPerformanceOrdersapiDashboard", "VitalsErrorsDashboard",
        "VitalsOrdersApiLatencyAlarm", "VitalsOrdersApiLatencyAlarm2", "VitalsOrdersapiLatencyAlarm");
  }

  @Test
  void logicalIdsFromNamesThatDifferOnlyInPunctuationAreNumbered() {
    java.util.Set<String> taken = new java.util.LinkedHashSet<>();
    assertThat(CloudWatchDefinitions.logicalId(taken, "vitals-a-b-latency", "Alarm")).isEqualTo("VitalsABLatencyAlarm");
    assertThat(CloudWatchDefinitions.logicalId(taken, "vitals-a_b-latency", "Alarm")).isEqualTo("VitalsABLatencyAlarm2");
    assertThat(CloudWatchDefinitions.logicalId(taken, "vitals-a__b-latency", "Alarm")).isEqualTo("VitalsABLatencyAlarm3");
  }
}
