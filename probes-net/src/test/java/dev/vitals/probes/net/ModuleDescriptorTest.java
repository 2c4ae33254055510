package dev.vitals.probes.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.ProbeFactory;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor and the class-path service registration. */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.probes.net").orElseThrow().descriptor();
  }

  @Test
  void exportsOnlyItsPackageAndReadsTheApiAndJndi() {
    ModuleDescriptor d = descriptor();
    assertThat(d.exports()).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("dev.vitals.probes.net");
      assertThat(e.isQualified()).isFalse();
    });
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .contains("dev.vitals.api", "java.naming");
    assertThat(d.opens()).isEmpty();
  }

  @Test
  void providesBothProbeFactoriesInTheDescriptorAndTheServiceFile() throws Exception {
    assertThat(descriptor().provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(ProbeFactory.class.getName());
      assertThat(p.providers()).containsExactly(SmtpProbeFactory.class.getName(), DnsProbeFactory.class.getName());
    });
    List<String> lines = Files.readAllLines(Path.of("target/classes/META-INF/services/" + ProbeFactory.class.getName()),
        StandardCharsets.UTF_8);
    assertThat(lines).containsExactly(SmtpProbeFactory.class.getName(), DnsProbeFactory.class.getName());
  }

  @Test
  void onlyTheFactoriesArePublic() throws Exception {
    for (Class<?> c : List.of(SmtpProbe.class, DnsProbe.class, Tls.class, LocalName.class)) {
      assertThat(java.lang.reflect.Modifier.isPublic(c.getModifiers())).as(c.getName()).isFalse();
    }
  }
}
