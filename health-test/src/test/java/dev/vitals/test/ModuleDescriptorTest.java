package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor. */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.test").orElseThrow().descriptor();
  }

  @Test
  void exportsOnlyItsPackageToEveryone() {
    assertThat(descriptor().exports()).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("dev.vitals.test");
      assertThat(e.isQualified()).isFalse();
    });
    assertThat(descriptor().opens()).isEmpty();
  }

  @Test
  void readsTheApiAndJunitTransitivelyAndTheJdkHttpServerPrivately() {
    Map<String, Boolean> transitive = descriptor().requires().stream()
        .collect(Collectors.toMap(ModuleDescriptor.Requires::name,
            r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));

    assertThat(transitive).containsOnlyKeys("java.base", "dev.vitals.api", "org.junit.jupiter.api", "jdk.httpserver");
    assertThat(Set.of("dev.vitals.api", "org.junit.jupiter.api")).allMatch(transitive::get);
    assertThat(transitive.get("jdk.httpserver")).as("no public signature shows its types").isFalse();
  }

  @Test
  void declaresThePluginTypesItsKitsLoad() {
    // without them ServiceLoader.load throws in a kit on the module path
    assertThat(descriptor().uses()).containsExactlyInAnyOrder("dev.vitals.api.spi.ProbeFactory",
        "dev.vitals.api.spi.ExporterFactory", "dev.vitals.api.spi.MetricsWriter", "dev.vitals.api.spi.NotifierFactory");
  }
}
