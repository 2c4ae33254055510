package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

  @Test
  void coreExportsOnlyItsEntryPointAndUsesEverySpi() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).findAll().iterator().next().descriptor();
    assertThat(d.name()).isEqualTo("dev.vitals.core");
    assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .containsExactly("dev.vitals.core");
    assertThat(d.uses()).contains("dev.vitals.api.spi.ProbeFactory", "dev.vitals.api.spi.ExporterFactory");
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
        .contains("dev.vitals.api", "org.slf4j", "io.github.resilience4j.retry");
  }
}
