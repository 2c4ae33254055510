package dev.vitals.notifier.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor: an internal package, exported only to the three HTTP notifiers. */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.notifier.http").orElseThrow().descriptor();
  }

  @Test
  void exportsItsPackageOnlyToTheSlackPagerDutyAndWebhookNotifiers() {
    assertThat(descriptor().exports()).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("dev.vitals.notifier.http.internal");
      assertThat(e.isQualified()).isTrue();
      assertThat(e.targets()).containsExactlyInAnyOrder("dev.vitals.notifier.slack", "dev.vitals.notifier.pagerduty",
          "dev.vitals.notifier.webhook");
    });
    assertThat(descriptor().opens()).isEmpty();
  }

  @Test
  void readsOnlyTheApiTransitivelyAndTheHttpClient() {
    Map<String, Boolean> transitive = descriptor().requires().stream()
        .collect(Collectors.toMap(ModuleDescriptor.Requires::name,
            r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));

    assertThat(transitive).containsOnlyKeys("java.base", "dev.vitals.api", "java.net.http");
    assertThat(transitive.get("dev.vitals.api")).as("Endpoint.parse takes a NotifierConfig").isTrue();
    assertThat(transitive.get("java.net.http")).as("no public signature shows its types").isFalse();
  }

  @Test
  void providesAndUsesNoService() {
    assertThat(descriptor().provides()).isEmpty();
    assertThat(descriptor().uses()).isEmpty();
    assertThat(Files.exists(Path.of("target/classes/META-INF/services"))).isFalse();
  }

  @Test
  void onlyWhatTheNotifiersUseIsPublic() {
    assertThat(Modifier.isPublic(Delivery.class.getModifiers())).isTrue();
    assertThat(Modifier.isPublic(Endpoint.class.getModifiers())).isTrue();
    assertThat(Modifier.isPublic(Scrubber.class.getModifiers())).isTrue();
    assertThat(Modifier.isPublic(JsonWriter.class.getModifiers())).isTrue();
    assertThat(Modifier.isPublic(ResponseBody.class.getModifiers())).isFalse();
  }
}
