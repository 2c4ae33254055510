package dev.vitals.probes.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.ProbeFactory;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor and the class-path service registration. */
class ModuleTest {

  @Test
  void descriptorExportsOnlyTheFactoryPackageAndProvidesTheFactory() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.probes.rabbitmq").orElseThrow()
        .descriptor();
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.vitals.probes.rabbitmq");
    assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(ProbeFactory.class.getName());
      assertThat(p.providers()).containsExactly(RabbitMqProbeFactory.class.getName());
    });
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .contains("dev.vitals.api", "com.rabbitmq.client");
  }

  @Test
  void serviceLoaderFindsTheFactoryOnTheClassPath() throws Exception {
    assertThat(ServiceLoader.load(ProbeFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(RabbitMqProbeFactory.class);
    assertThat(Files.readString(Path.of("target/classes/META-INF/services/" + ProbeFactory.class.getName())).trim())
        .isEqualTo(RabbitMqProbeFactory.class.getName());
  }

  @Test
  void onlyTheFactoryIsPublic() {
    assertThat(java.lang.reflect.Modifier.isPublic(RabbitMqProbe.class.getModifiers())).isFalse();
    assertThat(java.lang.reflect.Modifier.isPublic(AmqpUrl.class.getModifiers())).isFalse();
    assertThat(java.lang.reflect.Modifier.isPublic(Failures.class.getModifiers())).isFalse();
  }
}
