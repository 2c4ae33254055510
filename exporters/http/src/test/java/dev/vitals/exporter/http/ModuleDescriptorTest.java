package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor and the class-path service file say the same thing. */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() {
    ModuleReference ref = ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.exporter.http").orElseThrow();
    return ref.descriptor();
  }

  @Test
  void exportsOnlyTheApiPackage() {
    assertThat(descriptor().exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.vitals.exporter.http");
    assertThat(descriptor().exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(descriptor().opens()).isEmpty();
  }

  @Test
  void providesTheExporterFactoryAndUsesMetricsWriters() {
    assertThat(descriptor().provides()).hasSize(1);
    ModuleDescriptor.Provides p = descriptor().provides().iterator().next();
    assertThat(p.service()).isEqualTo("dev.vitals.api.spi.ExporterFactory");
    assertThat(p.providers()).containsExactly("dev.vitals.exporter.http.HttpExporterFactory");
    assertThat(descriptor().uses()).containsExactly("dev.vitals.api.spi.MetricsWriter");
  }

  @Test
  void requiresTheApiTheJdkServerSlf4jAndTheServletApiOnlyStatically() {
    Set<String> requires = descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toSet());
    assertThat(requires).containsExactlyInAnyOrder("java.base", "dev.vitals.api", "jdk.httpserver", "jakarta.servlet",
        "org.slf4j");
    ModuleDescriptor.Requires slf4j = descriptor().requires().stream()
        .filter(r -> r.name().equals("org.slf4j")).findFirst().orElseThrow();
    assertThat(slf4j.modifiers()).as("logging is no part of the module's API").isEmpty();
    ModuleDescriptor.Requires servlet = descriptor().requires().stream()
        .filter(r -> r.name().equals("jakarta.servlet")).findFirst().orElseThrow();
    assertThat(servlet.modifiers())
        .as("static only: transitive would make javac demand the servlet API of every module requiring this one")
        .containsExactly(ModuleDescriptor.Requires.Modifier.STATIC);
    ModuleDescriptor.Requires api = descriptor().requires().stream()
        .filter(r -> r.name().equals("dev.vitals.api")).findFirst().orElseThrow();
    assertThat(api.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
  }

  @Test
  void theServiceFileNamesTheSameProvider() throws Exception {
    List<String> lines = Files.readAllLines(
        Path.of("target/classes/META-INF/services/dev.vitals.api.spi.ExporterFactory"));
    assertThat(lines).containsExactly("dev.vitals.exporter.http.HttpExporterFactory");
  }
}
