package dev.vitals.probes.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keys, defaults and the messages for bad values. */
class ConfigurationTest {

  private static Probe create(ProbeFactory f, String... keysAndValues) {
    Map<String, String> m = new HashMap<>();
    m.put("type", f.type());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return f.create(ProbeConfig.of("p", m));
  }

  @Test
  void everyTypeIsLivenessEveryTenSecondsWithinOneSecond() {
    for (ProbeFactory f : new ProbeFactory[] {new HeartbeatProbeFactory(), new DeadlockProbeFactory(),
        new MemoryProbeFactory(), new FileDescriptorsProbeFactory(), new ThreadsProbeFactory()}) {
      Probe p = create(f);
      assertThat(p.defaults().kinds()).contains(Set.of(ProbeKind.LIVENESS));
      assertThat(p.defaults().interval()).contains(Duration.ofSeconds(10));
      assertThat(p.defaults().timeout()).contains(Duration.ofSeconds(1));
      assertThat(p.type()).isEqualTo(f.type());
    }
    assertThat(create(new DiskProbeFactory(), "path", "/").defaults().kinds()).contains(Set.of(ProbeKind.LIVENESS));
  }

  @Test
  void keysAreDeclared() {
    assertThat(new HeartbeatProbeFactory().keys()).containsExactly("max-lag-intervals");
    assertThat(new DeadlockProbeFactory().keys()).isEmpty();
    assertThat(new MemoryProbeFactory().keys()).containsExactlyInAnyOrder("heap-degraded", "heap-down", "gc-degraded", "gc-down");
    assertThat(new DiskProbeFactory().keys()).containsExactlyInAnyOrder("path", "min-free", "degraded-free");
    assertThat(new FileDescriptorsProbeFactory().keys()).containsExactlyInAnyOrder("degraded-ratio", "down-ratio");
    assertThat(new ThreadsProbeFactory().keys()).containsExactlyInAnyOrder("max", "degraded-ratio");
  }

  @Test
  void badRatiosNameTheFullKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> create(new MemoryProbeFactory(), "heap-down", "1.5"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vitals.probes.p.heap-down = '1.5' is not allowed: expected a ratio above 0 and at most 1, such as 0.95");
    assertThatThrownBy(() -> create(new MemoryProbeFactory(), "gc-degraded", "0.6"))
        .hasMessage("vitals.probes.p.gc-degraded = '0.6' is not allowed: expected a ratio above 0 and at most 1, no more"
            + " than vitals.probes.p.gc-down (0.5)");
    assertThatThrownBy(() -> create(new FileDescriptorsProbeFactory(), "down-ratio", "0.5"))
        .hasMessage("vitals.probes.p.down-ratio = '0.5' is not allowed: expected a ratio above 0 and at most 1, no less"
            + " than vitals.probes.p.degraded-ratio (0.8)");
    assertThatThrownBy(() -> create(new ThreadsProbeFactory(), "degraded-ratio", "0"))
        .hasMessageStartingWith("vitals.probes.p.degraded-ratio = '0' is not allowed: expected a ratio above 0");
  }

  @Test
  void badIntegersNameTheFullKey() {
    assertThatThrownBy(() -> create(new ThreadsProbeFactory(), "max", "0"))
        .hasMessage("vitals.probes.p.max = '0' is not allowed: expected an integer from 1 to 1000000");
    assertThatThrownBy(() -> create(new HeartbeatProbeFactory(), "max-lag-intervals", "two"))
        .hasMessage("vitals.probes.p.max-lag-intervals = 'two' is not allowed: expected an integer from 1 to 1000");
  }

  @Test
  void diskNeedsAPathAndFreeSpaceOfTheAllowedForms() {
    assertThatThrownBy(() -> create(new DiskProbeFactory()))
        .hasMessage("vitals.probes.p.path is missing: expected the path of a file or directory on the file system to watch");
    assertThatThrownBy(() -> create(new DiskProbeFactory(), "path", "/", "min-free", "10 parsecs"))
        .hasMessage("vitals.probes.p.min-free = '10 parsecs' is not allowed: expected " + FreeSpace.FORM);
    assertThatThrownBy(() -> create(new DiskProbeFactory(), "path", "/", "min-free", "120%"))
        .hasMessageStartingWith("vitals.probes.p.min-free = '120%' is not allowed");
    assertThatThrownBy(() -> create(new DiskProbeFactory(), "path", "/", "min-free", "2GB", "degraded-free", "1GB"))
        .hasMessage("vitals.probes.p.degraded-free = '1GB' is not allowed: expected at least vitals.probes.p.min-free (2GB)");
    assertThatThrownBy(() -> create(new DiskProbeFactory(), "path", "/", "min-free", "10%"))
        .hasMessage("vitals.probes.p.min-free = '10%' is not allowed: expected at most vitals.probes.p.degraded-free (5%)");
    assertThatThrownBy(() -> create(new DiskProbeFactory(), "path", "a\0b"))
        .hasMessageStartingWith("vitals.probes.p.path = 'a");
  }

  @Test
  void freeSpaceForms() {
    assertThat(FreeSpace.parse("512KB").bytes(0)).isEqualTo(512L << 10);
    assertThat(FreeSpace.parse("1mb").bytes(0)).isEqualTo(1L << 20);
    assertThat(FreeSpace.parse("2GB").bytes(0)).isEqualTo(2L << 30);
    assertThat(FreeSpace.parse("1TB").bytes(0)).isEqualTo(1L << 40);
    assertThat(FreeSpace.parse("4096B").bytes(0)).isEqualTo(4096);
    assertThat(FreeSpace.parse("5%").bytes(1000)).isEqualTo(50);
    assertThat(FreeSpace.parse("-1MB")).isNull();
    assertThat(FreeSpace.parse("MB")).isNull();
    assertThat(FreeSpace.parse("99999999999TB")).isNull();
  }
}
