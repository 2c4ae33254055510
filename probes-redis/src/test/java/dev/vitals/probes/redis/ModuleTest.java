package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.ProbeFactory;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor and the class-path service registration. */
class ModuleTest {

  @Test
  void descriptorExportsOnlyTheApiPackageAndProvidesTheFactory() {
    ModuleReference ref = ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.probes.redis").orElseThrow();
    ModuleDescriptor d = ref.descriptor();

    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.vitals.probes.redis");
    assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(ProbeFactory.class.getName());
      assertThat(p.providers()).containsExactly(RedisProbeFactory.class.getName());
    });
    assertThat(d.requires().stream().collect(Collectors.toMap(ModuleDescriptor.Requires::name,
        r -> r.modifiers().toString())))
        .containsEntry("dev.vitals.api", "[TRANSITIVE]")
        .containsEntry("redis.clients.jedis", "[TRANSITIVE]")
        .hasEntrySatisfying("lettuce.core", m -> assertThat(m).contains("STATIC").contains("TRANSITIVE"));
  }

  @Test
  void serviceLoaderFindsTheFactoryOnTheClassPath() throws Exception {
    assertThat(ServiceLoader.load(ProbeFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(RedisProbeFactory.class);
    assertThat(Files.readString(Path.of("target/classes/META-INF/services/" + ProbeFactory.class.getName())).trim())
        .isEqualTo(RedisProbeFactory.class.getName());
  }
}
