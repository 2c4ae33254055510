package dev.vitals.probes.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.ProbeFactory;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor and the class-path service registration. */
class ModuleTest {

  @Test
  void descriptorExportsOnlyTheFactoryPackageAndProvidesTheFactory() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.probes.grpc").orElseThrow().descriptor();
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.vitals.probes.grpc");
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(ProbeFactory.class.getName());
      assertThat(p.providers()).containsExactly(GrpcProbeFactory.class.getName());
    });
  }

  @Test
  void serviceLoaderFindsTheFactoryOnTheClassPath() throws Exception {
    assertThat(ServiceLoader.load(ProbeFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(GrpcProbeFactory.class);
    assertThat(Files.readString(Path.of("target/classes/META-INF/services/" + ProbeFactory.class.getName())).trim())
        .isEqualTo(GrpcProbeFactory.class.getName());
  }
}
