package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.NotifierRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Runs the notifier kit's checks against notifiers written for the purpose: one that does everything
 * right passes them all, and each that breaks one rule fails the check for that rule with a message
 * that says what is wrong. The notifiers post with a plain socket (no thread of their own) to the
 * kit's real HTTP receiver; their factories are registered for {@link java.util.ServiceLoader} through
 * a class loader over a services file written to a temporary directory.
 */
class NotifierCompatibilityKitTest {

  static final String TOKEN = "kit-notifier-token-9c4e1a";

  @TempDir
  Path dir;

  private ClassLoader previous;
  private URLClassLoader loader;

  @BeforeEach
  void registerTheTestNotifiers() throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    StringBuilder lines = new StringBuilder();
    for (Class<?> c : List.of(GoodFactory.class, LeakyFactory.class, HangingFactory.class, FirstProblemFactory.class,
        UndeclaredFactory.class, SilentFailureFactory.class)) {
      lines.append(c.getName()).append('\n');
    }
    Files.writeString(services.resolve(NotifierFactory.class.getName()), lines, StandardCharsets.UTF_8);
    previous = Thread.currentThread().getContextClassLoader();
    loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
  }

  @AfterEach
  void restore() throws IOException {
    Thread.currentThread().setContextClassLoader(previous);
    loader.close();
  }

  @Test
  void aConformingNotifierPassesEveryCheck() throws Exception {
    Kit kit = new Kit("kitgood");
    kit.factoryIsRegisteredForServiceLoaderUnderItsType();
    kit.theFactoryDeclaresItsKeysAndEveryKeyItsSettingsUse();
    kit.theFactoryDeclaresItsDefaultRouting();
    kit.createGivesANotifierWithItsNameStartsNoThreadAndSendsNothing();
    kit.firingAndResolvedAlertsAreDelivered();
    kit.aSilentReceiverFailsTheSendWithinItsTimeoutAndLeavesNoThread();
    kit.aRefusedConnectionFailsTheSendAtOnce();
    kit.anErrorAnswerEchoingTheSecretsIsReportedWithoutThem();
    kit.nothingSecretIsPrintedOrShown();
    kit.badSettingsAreOneConfigExceptionNamingEveryKeyWithoutItsSecrets();
    kit.closeIsIdempotentNeverThrowsAndEndsEveryThreadTheNotifierStarted();
  }

  @Test
  void aNotifierThatPutsItsTokenInAnExceptionFailsTheKitWithoutShowingIt() {
    Kit kit = new Kit("kitleaky");
    for (ThrowingCall check : List.<ThrowingCall>of(kit::aRefusedConnectionFailsTheSendAtOnce,
        kit::aSilentReceiverFailsTheSendWithinItsTimeoutAndLeavesNoThread,
        kit::anErrorAnswerEchoingTheSecretsIsReportedWithoutThem)) {
      assertThatThrownBy(check::call)
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("a secret of 'kitleaky' was in the exception")
          .hasMessageContaining("token <the secret>")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }
    assertThatThrownBy(kit::nothingSecretIsPrintedOrShown)
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("a secret of 'kitleaky' was shown by the notifier's toString() or its exception");
  }

  @Test
  void aNotifierThatIgnoresItsTimeoutFailsTheKitInsteadOfHangingIt() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> new Kit("kithanging").aSilentReceiverFailsTheSendWithinItsTimeoutAndLeavesNoThread())
        .isInstanceOf(AssertionError.class)
        .hasMessage("send() did not return within 4200 ms: a notifier makes one attempt, bounded by its own timeouts");
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms the kit took to give up").isLessThan(10_000);
  }

  @Test
  void aFactoryThatReportsOnlyItsFirstProblemFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitfirstproblem").badSettingsAreOneConfigExceptionNamingEveryKeyWithoutItsSecrets())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("one problem names vitals.notifiers.kit-notifier.timeout (every mistake is reported at once)");
  }

  @Test
  void aKeyTheFactoryDoesNotDeclareFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitundeclared").theFactoryDeclaresItsKeysAndEveryKeyItsSettingsUse())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the keys 'kitundeclared' declares");
    Kit lenient = new Kit("kitundeclared") {
      @Override
      protected Set<String> expectedKeys() {
        return Set.of("url", "timeout");
      }
    };
    assertThatThrownBy(lenient::theFactoryDeclaresItsKeysAndEveryKeyItsSettingsUse)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the kit's settings use 'token', which 'kitundeclared' does not declare");
  }

  @Test
  void aRoutingOtherThanDeclaredFailsTheKit() {
    Kit pagesOnly = new Kit("kitgood") {
      @Override
      protected NotifierRouting expectedDefaultRouting() {
        return NotifierRouting.of(Alert.Severity.CRITICAL);
      }
    };
    assertThatThrownBy(pagesOnly::theFactoryDeclaresItsDefaultRouting)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the default routing of 'kitgood'")
        .hasMessageContaining("severities=critical");
  }

  @Test
  void aNotifierThatSwallowsAFailureFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitsilentfailure").aRefusedConnectionFailsTheSendAtOnce())
        .isInstanceOf(AssertionError.class)
        .hasMessage("send() returned normally to a closed port: it must throw when delivery fails, so the monitor"
            + " retries");
  }

  @Test
  void anUnregisteredTypeFailsTheServiceLoaderCheck() {
    assertThatThrownBy(() -> new Kit("kitmissing").factoryIsRegisteredForServiceLoaderUnderItsType())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no NotifierFactory of type 'kitmissing'")
        .hasMessageContaining("kitgood");
  }

  @Test
  void aReceiverThatCannotRejectSkipsTheEchoCheckSayingSo() {
    Kit kit = new Kit("kitgood") {
      @Override
      protected Receiver startReceiver() {
        Receiver http = super.startReceiver();
        return new Receiver() {
          @Override
          public String host() {
            return http.host();
          }

          @Override
          public int port() {
            return http.port();
          }

          @Override
          public String take() throws Exception {
            return http.take();
          }

          @Override
          public int pending() {
            return http.pending();
          }

          @Override
          public void close() {
            http.close();
          }
        };
      }
    };
    assertThatThrownBy(kit::anErrorAnswerEchoingTheSecretsIsReportedWithoutThem)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("cannot answer with an error");
  }

  /** A check of the kit, for a list of them. */
  interface ThrowingCall {
    void call() throws Exception;
  }

  /** The kit for one of the test notifiers. */
  static class Kit extends NotifierCompatibilityKit {
    private final String type;

    Kit(String type) {
      this.type = type;
    }

    @Override
    protected String type() {
      return type;
    }

    @Override
    protected Receiver startReceiver() {
      return httpReceiver(new RecordingHttpServer().answer(202, "{}"));
    }

    @Override
    protected Map<String, String> settingsFor(String host, int port) {
      return Map.of("url", "http://" + host + ":" + port + "/hooks/" + TOKEN, "token", TOKEN);
    }

    @Override
    protected List<String> secrets() {
      return List.of(TOKEN);
    }

    @Override
    protected Set<String> expectedKeys() {
      return Set.of("url", "token", "timeout");
    }

    @Override
    protected NotifierRouting expectedDefaultRouting() {
      return NotifierRouting.all();
    }

    @Override
    protected Map<String, String> badSettings() {
      return Map.of("token", TOKEN, "timeout", "never");
    }

    @Override
    protected Set<String> badKeys() {
      return Set.of("url", "timeout");
    }

    @Override
    protected java.time.Duration timeoutSlack() {
      return java.time.Duration.ofMillis(1500);
    }
  }

  private static String typeOf(Object factory) {
    String simple = factory.getClass().getSimpleName();
    return "kit" + simple.substring(0, simple.length() - "Factory".length()).toLowerCase(Locale.ROOT);
  }

  /**
   * Does everything right: declares its keys, checks every setting at once and never shows the token,
   * posts the alert as JSON with a plain socket bounded by its timeout, throws naming only the origin.
   */
  public static class GoodFactory implements NotifierFactory {

    @Override
    public String type() {
      return typeOf(this);
    }

    @Override
    public Set<String> keys() {
      return Set.of("url", "token", "timeout");
    }

    /** Reports every problem at once, or only the first when {@code all} is false. */
    Notifier create(NotifierConfig config, boolean all) {
      List<String> problems = new ArrayList<>();
      String prefix = "vitals.notifiers." + config.name() + ".";
      URI url = null;
      String u = config.get("url").orElse(null);
      if (u == null) {
        problems.add(prefix + "url is missing: expected an http:// URL");
      } else {
        url = URI.create(u);
      }
      String t = config.get("timeout").orElse("1000ms");
      int timeout = 0;
      if (!t.matches("[1-9][0-9]{0,5}ms")) {
        problems.add(ConfigException.describe(prefix + "timeout", t, "a duration in ms, such as 600ms"));
      } else {
        timeout = Integer.parseInt(t.substring(0, t.length() - 2));
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(all ? problems : problems.subList(0, 1));
      }
      return notifier(config.name(), url, config.get("token").orElse(""), timeout);
    }

    Notifier notifier(String name, URI url, String token, int timeoutMillis) {
      return new SocketNotifier(type(), name, url, token, timeoutMillis, false);
    }

    @Override
    public Notifier create(NotifierConfig config) {
      return create(config, true);
    }
  }

  /** Puts its token in the exception of a failed send, and in its toString. */
  public static class LeakyFactory extends GoodFactory {
    @Override
    Notifier notifier(String name, URI url, String token, int timeoutMillis) {
      return new SocketNotifier(type(), name, url, token, timeoutMillis, true);
    }
  }

  /** Waits for an answer without a limit: its timeout setting is ignored. */
  public static class HangingFactory extends GoodFactory {
    @Override
    Notifier notifier(String name, URI url, String token, int timeoutMillis) {
      return new SocketNotifier(type(), name, url, token, 0, false);
    }
  }

  /** Reports only the first bad setting. */
  public static class FirstProblemFactory extends GoodFactory {
    @Override
    public Notifier create(NotifierConfig config) {
      return create(config, false);
    }
  }

  /** Reads a key it does not declare. */
  public static class UndeclaredFactory extends GoodFactory {
    @Override
    public Set<String> keys() {
      return Set.of("url", "timeout");
    }
  }

  /** Catches every failure and returns as if delivered. */
  public static class SilentFailureFactory extends GoodFactory {
    @Override
    Notifier notifier(String name, URI url, String token, int timeoutMillis) {
      Notifier real = super.notifier(name, url, token, timeoutMillis);
      return new Notifier() {
        @Override
        public String name() {
          return real.name();
        }

        @Override
        public void send(Alert alert) {
          try {
            real.send(alert);
          } catch (Exception ignored) {
            // the failure is lost: the monitor will never retry
          }
        }
      };
    }
  }

  /** Posts one HTTP/1.1 request per alert over a plain socket; starts no thread. */
  static final class SocketNotifier implements Notifier {
    private final String type;
    private final String name;
    private final URI url;
    private final String token;
    private final int timeoutMillis;
    private final boolean leaky;

    SocketNotifier(String type, String name, URI url, String token, int timeoutMillis, boolean leaky) {
      this.type = type;
      this.name = name;
      this.url = url;
      this.token = token;
      this.timeoutMillis = timeoutMillis;
      this.leaky = leaky;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void send(Alert alert) throws IOException {
      String origin = url.getHost() + ":" + url.getPort();
      String where = type + " notifier '" + name + "' to " + (leaky ? url + " with token " + token : origin);
      byte[] body = ("{\"state\":\"" + alert.state() + "\",\"rule\":\"" + alert.rule() + "\",\"subject\":\""
          + alert.subject() + "\"}").getBytes(StandardCharsets.UTF_8);
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(url.getHost(), url.getPort()), timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        OutputStream out = s.getOutputStream();
        out.write(("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + origin + "\r\nAuthorization: Bearer " + token
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder status = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
          status.append((char) c);
        }
        if (!status.toString().matches("HTTP/1\\.1 2\\d\\d.*")) {
          throw new IOException(where + ": answered '" + status + "'");
        }
      } catch (SocketTimeoutException e) {
        throw new IOException(where + ": no answer within " + timeoutMillis + " ms");
      } catch (ConnectException e) {
        throw new IOException(where + ": cannot connect");
      }
    }

    @Override
    public String toString() {
      return "SocketNotifier[" + name + ", " + url.getHost() + (leaky ? ", token " + token : "") + "]";
    }
  }
}
