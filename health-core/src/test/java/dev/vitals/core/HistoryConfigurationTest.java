package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history's keys follow the rules of every key: refused when unknown, every mistake at once, clear messages. */
class HistoryConfigurationTest {

  private final ManualClock clock = new ManualClock();

  private HealthMonitor.Builder builder(Map<String, String> config) {
    Map<String, String> all = new LinkedHashMap<>(config);
    all.put("vitals.probes.db.type", "echo");
    return HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of()).jitter(0).discoverExporters(false).config(all);
  }

  private static List<String> problems(HealthMonitor.Builder b) {
    try (HealthMonitor m = b.build()) {
      throw new AssertionError("expected a ConfigException, built " + m);
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  @Test
  void aMisspeltHistoryKeyIsRefusedWithTheClosest() {
    assertThat(problems(builder(Map.of("vitals.history.retension", "90d", "vitals.history.type", "memory"))))
        .anySatisfy(p -> assertThat(p).startsWith("vitals.history.retension is not a known key: did you mean"
            + " vitals.history.retention?"));
  }

  @Test
  void everyBadValueIsReportedAtOnceWithWhatIsAllowed() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("vitals.history.type", "nosuch");
    c.put("vitals.history.retention", "2h");
    c.put("vitals.history.not-observed", "maybe");
    c.put("vitals.history.instance", "pod 1");
    List<String> problems = problems(builder(c));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vitals.history.type = 'nosuch' is not allowed"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vitals.history.retention = '2h' is not allowed")
        .contains("from 1d to 400d"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vitals.history.not-observed = 'maybe' is not allowed")
        .contains("'ignore'", "'down'"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vitals.history.instance = 'pod 1' is not allowed"));
  }

  @Test
  void theJdbcTypeWithoutItsModuleNamesTheModule() {
    assertThat(problems(builder(Map.of("vitals.history.type", "jdbc"))))
        .anySatisfy(p -> assertThat(p).startsWith("vitals.history.type = 'jdbc' is not allowed")
            .contains("add dev.vitals:history-jdbc"));
  }

  @Test
  void aSettingWithoutAStoreSaysHowToConfigureOne() {
    assertThat(problems(builder(Map.of("vitals.history.retention", "90d"))))
        .containsExactly("vitals.history.retention is set but no history store is: set vitals.history.dir (the"
            + " embedded file store) or vitals.history.type (one of " + HistoryStores.types(getClass().getClassLoader(),
                new java.util.ArrayList<>()).keySet() + ")");
    assertThat(problems(builder(Map.of("vitals.summary.time", "08:00"))))
        .containsExactly("vitals.summary.* is set but no history store is: a summary is made from history; set"
            + " vitals.history.dir (the embedded file store) or vitals.history.type");
  }
}
