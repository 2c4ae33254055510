package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.ProbeFactory;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor and the class-path service registration. */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.probes.http").orElseThrow().descriptor();
  }

  @Test
  void exportsOnlyTheApiPackageAndReadsTheApiAndTheHttpClient() {
    ModuleDescriptor d = descriptor();
    assertThat(d.exports()).hasSize(1);
    ModuleDescriptor.Exports e = d.exports().iterator().next();
    assertThat(e.source()).isEqualTo("dev.vitals.probes.http");
    assertThat(e.isQualified()).isFalse();
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .contains("dev.vitals.api", "java.net.http");
    assertThat(d.opens()).isEmpty();
  }

  @Test
  void providesBothProbeFactories() {
    assertThat(descriptor().provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(ProbeFactory.class.getName());
      assertThat(p.providers()).containsExactly(HttpProbeFactory.class.getName(), TcpProbeFactory.class.getName());
    });
  }

  @Test
  void serviceFileListsTheSameProviders() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("target/classes/META-INF/services/" + ProbeFactory.class.getName()),
        StandardCharsets.UTF_8);
    assertThat(lines).containsExactly(HttpProbeFactory.class.getName(), TcpProbeFactory.class.getName());
  }

  @Test
  void serviceLoaderFindsHttpAndTcp() {
    List<String> types = new ArrayList<>();
    for (ProbeFactory f : ServiceLoader.load(ProbeFactory.class)) {
      types.add(f.type());
    }
    assertThat(types).contains("http", "tcp");
  }
}
