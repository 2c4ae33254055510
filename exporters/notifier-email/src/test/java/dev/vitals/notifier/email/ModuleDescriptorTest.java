package dev.vitals.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vitals.api.Alert;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.notifier.email").orElseThrow()
        .descriptor();
  }

  @Test
  void exportsOnlyItsApiPackage() {
    assertThat(descriptor().exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.vitals.notifier.email");
    assertThat(descriptor().exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
  }

  @Test
  void requiresTheApiAndJakartaMailOnly() {
    assertThat(descriptor().requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "dev.vitals.api", "jakarta.mail");
  }

  @Test
  void providesTheNotifierFactory() {
    assertThat(descriptor().provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo("dev.vitals.api.spi.NotifierFactory");
      assertThat(p.providers()).containsExactly(EmailNotifierFactory.class.getName());
    });
  }

  @Test
  void classPathRegistrationMatchesTheDescriptor() throws IOException {
    Path services = Path.of("target/classes/META-INF/services/dev.vitals.api.spi.NotifierFactory");

    assertThat(Files.readAllLines(services)).containsExactly(EmailNotifierFactory.class.getName());
  }

  /** This module and its runtime dependencies, as a module path: what a modular application would use. */
  private static ModuleFinder runtimeModulePath() {
    List<String> runtime = List.of("health-api", "jakarta.mail-api", "jakarta.activation-api", "angus-mail",
        "angus-activation");
    Path[] path = Stream.concat(Stream.of(Path.of("target/classes")),
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
            .filter(p -> runtime.stream().anyMatch(r -> p.toString().contains(r))))
        .toArray(Path[]::new);
    return ModuleFinder.of(path);
  }

  @Test
  void resolvesOnTheModulePathWithAngusBoundAsTheMailProvider() {
    Configuration config = ModuleLayer.boot().configuration()
        .resolveAndBind(runtimeModulePath(), ModuleFinder.of(), Set.of("dev.vitals.notifier.email"));

    assertThat(config.modules().stream().map(ResolvedModule::name).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("dev.vitals.notifier.email", "dev.vitals.api", "jakarta.mail",
            "jakarta.activation", "org.eclipse.angus.mail", "org.eclipse.angus.activation");
  }

  @ParameterizedTest(name = "one class loader per module: {0}")
  @ValueSource(booleans = {false, true})
  void sendsAMailWhenLoadedAsModules(boolean loaderPerModule) throws Exception {
    Configuration config = ModuleLayer.boot().configuration()
        .resolveAndBind(runtimeModulePath(), ModuleFinder.of(), Set.of("dev.vitals.notifier.email"));
    ClassLoader parent = ClassLoader.getPlatformClassLoader();
    ModuleLayer layer = loaderPerModule ? ModuleLayer.boot().defineModulesWithManyLoaders(config, parent)
        : ModuleLayer.boot().defineModulesWithOneLoader(config, parent);
    ClassLoader api = layer.findLoader("dev.vitals.api");
    Class<?> spi = api.loadClass("dev.vitals.api.spi.NotifierFactory");
    Object factory = ServiceLoader.load(layer, spi).stream().filter(p -> p.type().getName()
        .equals(EmailNotifierFactory.class.getName())).findFirst().orElseThrow().get();

    GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
    try {
      Class<?> notifierConfig = api.loadClass("dev.vitals.api.spi.NotifierConfig");
      Object settings = notifierConfig.getMethod("of", String.class, Map.class).invoke(null, "ops", Map.of(
          "type", "email", "host", "127.0.0.1", "port", Integer.toString(greenMail.getSmtp().getPort()),
          "starttls", "none", "from", "vitals@example.com", "to", "ops@example.com"));
      Object notifier = spi.getMethod("create", notifierConfig).invoke(factory, settings);
      Class<?> notifierType = api.loadClass("dev.vitals.api.spi.Notifier");
      notifierType.getMethod("send", api.loadClass("dev.vitals.api.Alert")).invoke(notifier, layerAlert(api));

      assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
      assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("[vitals] FIRING critical: db probe-down");
    } finally {
      greenMail.stop();
    }
  }

  /** {@link Alerts#firing()}, built from the layer's own {@code Alert} class. */
  private static Object layerAlert(ClassLoader api) throws Exception {
    Alert a = Alerts.firing();
    Class<?> alert = api.loadClass("dev.vitals.api.Alert");
    Class<?> state = api.loadClass("dev.vitals.api.Alert$State");
    Class<?> severity = api.loadClass("dev.vitals.api.Alert$Severity");
    Constructor<?> c = alert.getConstructor(String.class, String.class, state, severity, String.class, double.class,
        double.class, String.class, Instant.class, Instant.class, boolean.class, Optional.class, Map.class);
    return c.newInstance(a.rule(), a.subject(), enumConstant(state, a.state().name()),
        enumConstant(severity, a.severity().name()), a.summary(), a.value(), a.threshold(), a.unit(), a.startsAt(),
        a.time(), a.repeat(), a.link(), a.labels());
  }

  private static Object enumConstant(Class<?> type, String name) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> ((Enum<?>) e).name().equals(name)).findFirst()
        .orElseThrow();
  }
}
