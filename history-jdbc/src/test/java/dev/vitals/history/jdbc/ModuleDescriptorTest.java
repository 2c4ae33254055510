package dev.vitals.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module-info exports only the API and provides the factory, as META-INF/services does. */
class ModuleDescriptorTest {

  private static final Path CLASSES = Path.of("target", "classes");

  private static ModuleDescriptor descriptor() {
    Set<ModuleReference> all = ModuleFinder.of(CLASSES).findAll();
    assertThat(all).hasSize(1);
    return all.iterator().next().descriptor();
  }

  @Test
  void exportsOnlyTheApiPackage() {
    ModuleDescriptor d = descriptor();

    assertThat(d.name()).isEqualTo("dev.vitals.history.jdbc");
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.vitals.history.jdbc");
    assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
  }

  @Test
  void providesTheHistoryStoreFactory() {
    assertThat(descriptor().provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo("dev.vitals.api.spi.HistoryStoreFactory");
      assertThat(p.providers()).containsExactly("dev.vitals.history.jdbc.JdbcHistoryStoreFactory");
    });
  }

  @Test
  void requiresTheApiAndJavaSqlOnly() {
    Set<String> requires = descriptor().requires().stream()
        .map(r -> r.name() + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC) ? " static" : ""))
        .collect(Collectors.toSet());

    assertThat(requires).containsExactlyInAnyOrder("java.base", "dev.vitals.api", "java.sql");
  }

  @Test
  void classPathRegistrationMatchesTheModule() throws Exception {
    String services = Files.readString(
        CLASSES.resolve("META-INF/services/dev.vitals.api.spi.HistoryStoreFactory"), StandardCharsets.UTF_8);

    assertThat(services.strip()).isEqualTo("dev.vitals.history.jdbc.JdbcHistoryStoreFactory");
  }
}
