package dev.vitals.exporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.exporter.logging").orElseThrow()
        .descriptor();
  }

  @Test
  void exportsOnlyItsApiPackage() {
    assertThat(descriptor().exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.vitals.exporter.logging");
  }

  @Test
  void requiresTheApiAndSlf4jOnly() {
    assertThat(descriptor().requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "dev.vitals.api", "org.slf4j");
  }

  @Test
  void providesTheExporterFactory() {
    assertThat(descriptor().provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo("dev.vitals.api.spi.ExporterFactory");
      assertThat(p.providers()).containsExactly(LoggingExporterFactory.class.getName());
    });
  }

  @Test
  void classPathRegistrationMatchesTheDescriptor() throws IOException {
    Path services = Path.of("target/classes/META-INF/services/dev.vitals.api.spi.ExporterFactory");

    assertThat(Files.readAllLines(services)).containsExactly(LoggingExporterFactory.class.getName());
  }
}
