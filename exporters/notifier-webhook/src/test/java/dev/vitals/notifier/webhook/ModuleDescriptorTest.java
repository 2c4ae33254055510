package dev.vitals.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.NotifierFactory;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor and the class-path service registration. */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.notifier.webhook").orElseThrow().descriptor();
  }

  @Test
  void exportsOnlyItsPackageAndReadsOnlyTheApiTheHttpSupportAndTheHttpClient() {
    ModuleDescriptor d = descriptor();
    assertThat(d.exports()).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("dev.vitals.notifier.webhook");
      assertThat(e.isQualified()).isFalse();
    });
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("java.base", "dev.vitals.api", "dev.vitals.notifier.http", "java.net.http");
    assertThat(d.opens()).isEmpty();
  }

  @Test
  void providesTheNotifierFactory() {
    assertThat(descriptor().provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(NotifierFactory.class.getName());
      assertThat(p.providers()).containsExactly(WebhookNotifierFactory.class.getName());
    });
  }

  @Test
  void serviceFileListsTheSameProvider() throws Exception {
    assertThat(Files.readAllLines(Path.of("target/classes/META-INF/services/" + NotifierFactory.class.getName()),
        StandardCharsets.UTF_8)).containsExactly(WebhookNotifierFactory.class.getName());
  }

}
