package dev.vitals.probes.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.ProbeFactory;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor, the class-path service registration, and what is public. */
class ModuleDescriptorTest {

  private static final List<String> PROVIDERS = List.of(HeartbeatProbeFactory.class.getName(),
      DeadlockProbeFactory.class.getName(), MemoryProbeFactory.class.getName(), DiskProbeFactory.class.getName(),
      FileDescriptorsProbeFactory.class.getName(), ThreadsProbeFactory.class.getName());

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.probes.jvm").orElseThrow().descriptor();
  }

  @Test
  void exportsOnlyItsPackageAndProvidesEveryFactory() {
    ModuleDescriptor d = descriptor();
    assertThat(d.exports()).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("dev.vitals.probes.jvm");
      assertThat(e.isQualified()).isFalse();
    });
    assertThat(d.opens()).isEmpty();
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(ProbeFactory.class.getName());
      assertThat(p.providers()).containsExactlyElementsOf(PROVIDERS);
    });
  }

  @Test
  void serviceFileListsTheSameProviders() throws Exception {
    assertThat(Files.readAllLines(Path.of("target/classes/META-INF/services/" + ProbeFactory.class.getName()),
        StandardCharsets.UTF_8)).containsExactlyElementsOf(PROVIDERS);
  }

  @Test
  void serviceLoaderFindsEveryType() {
    List<String> types = new ArrayList<>();
    for (ProbeFactory f : ServiceLoader.load(ProbeFactory.class)) {
      types.add(f.type());
    }
    assertThat(types).contains("heartbeat", "deadlock", "memory", "disk", "file-descriptors", "threads");
  }

  @Test
  void onlyTheFactoriesArePublic() throws Exception {
    for (Class<?> c : List.of(HeartbeatProbe.class, DeadlockProbe.class, MemoryProbe.class, DiskProbe.class,
        FileDescriptorsProbe.class, ThreadsProbe.class, JvmProbe.class, Thresholds.class, FreeSpace.class)) {
      assertThat(Modifier.isPublic(c.getModifiers())).as(c.getName()).isFalse();
    }
    for (String p : PROVIDERS) {
      assertThat(Modifier.isPublic(Class.forName(p).getConstructor().getModifiers())).isTrue();
    }
  }
}
