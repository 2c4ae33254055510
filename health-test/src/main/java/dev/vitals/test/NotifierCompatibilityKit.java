package dev.vitals.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.NotifierRouting;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every notifier type must have. A notifier module extends this class in its tests,
 * names its type, starts a real server of the kind its notifiers deliver to (a {@link Receiver}: an
 * HTTP server for a webhook, an SMTP server for e-mail) and says how to point a notifier at a host and
 * port; the kit finds the module's {@link NotifierFactory} with {@link ServiceLoader} and checks that:
 * <ul>
 *   <li>the factory is registered under {@link #type()}, once, and its type is lower-case;</li>
 *   <li>it declares its keys ({@link #expectedKeys()}): every key the kit's settings use, none of the
 *       keys the monitor reads itself ({@code type}, {@code enabled}, {@code queue}, {@code retries},
 *       {@code backoff}, {@code severities}, {@code rules}, {@code subjects});</li>
 *   <li>it declares its default routing ({@link #expectedDefaultRouting()});</li>
 *   <li>{@code create} gives a notifier with the configured name, starts no thread and sends
 *       nothing;</li>
 *   <li>a firing alert and its resolve both reach the receiver, one delivery each, different from each
 *       other, each naming the alert's subject ({@link #assertDelivered});</li>
 *   <li>against a server that accepts the connection and never answers ({@link SilentServer}),
 *       {@code send} throws within its configured timeout ({@link #sendTimeout()}, plus
 *       {@link #timeoutSlack()}), and leaves no thread behind;</li>
 *   <li>against a closed port, {@code send} throws at once, well before its timeout;</li>
 *   <li>no secret ({@link #secrets()}) is in any exception it throws (message, {@code toString},
 *       causes, stack trace), in its {@code toString()}, in a {@link ConfigException}, or printed to
 *       {@code System.out}, {@code System.err} or {@code java.util.logging} while it is created, sends,
 *       fails and is closed; when the receiver can answer with an error
 *       ({@link Receiver#rejectWith(String)}), also not when that answer echoes the secrets back;</li>
 *   <li>bad settings ({@link #badSettings()}) are one {@link ConfigException} that reports every bad
 *       key ({@link #badKeys()}) at once, each by its full key {@code vitals.notifiers.<name>.<key>};</li>
 *   <li>{@code close()} is idempotent and never throws, and afterwards no thread the notifier started
 *       stays alive.</li>
 * </ul>
 *
 * <p>Every {@code send} the kit makes runs on a thread of its own under a hard limit, so a notifier
 * that hangs fails the kit instead of hanging the build. The kit swaps {@code System.out} and
 * {@code System.err} while it captures them, so its tests must not run in parallel with other tests of
 * the same JVM. A subclass keeps tests of its own for what only its type does (its payload, its
 * protocol's answers).
 *
 * <pre>{@code
 * class OpsGenieNotifierCompatibilityTest extends NotifierCompatibilityKit {
 *   static final String KEY = "kit-0f1e2d3c4b5a";
 *
 *   protected String type() { return "opsgenie"; }
 *   protected Receiver startReceiver() { return httpReceiver(new RecordingHttpServer().answer(202, "{}")); }
 *   protected Map<String, String> settingsFor(String host, int port) {
 *     return Map.of("url", "http://" + host + ":" + port + "/v2/alerts", "api-key", KEY);
 *   }
 *   protected List<String> secrets() { return List.of(KEY); }
 *   protected Set<String> expectedKeys() { return Set.of("url", "api-key", "timeout"); }
 *   protected NotifierRouting expectedDefaultRouting() { return NotifierRouting.of(Alert.Severity.CRITICAL); }
 *   protected Map<String, String> badSettings() { return Map.of("timeout", "0s"); }
 *   protected Set<String> badKeys() { return Set.of("api-key", "timeout"); }    // api-key is missing
 * }
 * }</pre>
 */
public abstract class NotifierCompatibilityKit {

  /** The name the kit configures its notifiers under: {@code vitals.notifiers.kit-notifier.*}. */
  protected static final String NAME = "kit-notifier";

  /** The keys the monitor reads for every notifier; a type's {@link NotifierFactory#keys()} must not list them. */
  static final Set<String> MONITOR_KEYS =
      Set.of("type", "enabled", "queue", "retries", "backoff", "severities", "rules", "subjects");

  /** When the kit's alerts began. */
  private static final Instant STARTS = Instant.parse("2026-11-27T10:00:00Z");

  /** How long a refused connection may take to fail: far below the 5 s timeout the kit configures then. */
  private static final Duration REFUSED_LIMIT = Duration.ofSeconds(3);

  /** For subclasses. */
  protected NotifierCompatibilityKit() {
  }

  /**
   * A real server that the notifier under test delivers to, started afresh for each check that
   * delivers. Implementations need not be thread-safe beyond what their server is.
   */
  public interface Receiver extends AutoCloseable {

    /**
     * The host the server listens on.
     *
     * @return such as {@code 127.0.0.1}
     */
    String host();

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    int port();

    /**
     * The oldest delivery not yet taken, as text (an HTTP body, a mail's headers and text), waiting a
     * few seconds for one.
     *
     * @return the delivery's text
     * @throws AssertionError if none arrives in time
     * @throws Exception if reading it fails
     */
    String take() throws Exception;

    /**
     * How many deliveries arrived and were not taken yet.
     *
     * @return the count
     */
    int pending();

    /**
     * Makes the server refuse the next deliveries with an error answer that carries the given text (an
     * HTTP {@code 500} with it as the body). The kit uses it to show that a notifier does not pass on
     * what the server echoes back of the request.
     *
     * @param text the text to answer with
     * @return whether the receiver can do it; by default false, and the kit skips that check
     */
    default boolean rejectWith(String text) {
      return false;
    }

    /** Stops the server. */
    @Override
    void close();
  }

  /**
   * The type the module's factory provides.
   *
   * @return such as {@code slack}
   */
  protected abstract String type();

  /**
   * Starts the real server the notifiers of this type deliver to. Called once per check that delivers,
   * and closed by the kit.
   *
   * @return a started receiver; for an HTTP notifier, {@link #httpReceiver(RecordingHttpServer)}
   * @throws Exception if it cannot be started
   */
  protected abstract Receiver startReceiver() throws Exception;

  /**
   * Settings under which a notifier delivers to a server at a host and port, without {@code type} and
   * without the timeout ({@link #timeoutSettings(Duration)}): for a webhook, its URL. They carry the
   * secrets of {@link #secrets()} (a token in the URL, a routing key, a password), so the kit can show
   * that none of them is ever shown.
   *
   * @param host the server's host, such as {@code 127.0.0.1}
   * @param port its port
   * @return the settings, keys without the {@code vitals.notifiers.<name>.} prefix
   */
  protected abstract Map<String, String> settingsFor(String host, int port);

  /**
   * The secrets inside {@link #settingsFor(String, int)}.
   *
   * @return the secret strings, not empty
   */
  protected abstract List<String> secrets();

  /**
   * The keys the factory must declare, exactly.
   *
   * @return the keys, such as {@code url} and {@code timeout}
   */
  protected abstract Set<String> expectedKeys();

  /**
   * The routing the factory must declare as its type's default: the performance guide's channels
   * take every alert for a chat channel or a webhook, critical alerts only for an incident tool that
   * pages someone, none for e-mail (daily summaries).
   *
   * @return the expected {@link NotifierFactory#defaultRouting()}
   */
  protected abstract NotifierRouting expectedDefaultRouting();

  /**
   * Whole settings (without {@code type}) that are wrong under several keys at once, a missing
   * required key among them where the type has one.
   *
   * @return the settings
   */
  protected abstract Map<String, String> badSettings();

  /**
   * The keys the {@link ConfigException} for {@link #badSettings()} must report, one problem each.
   *
   * @return at least two keys, without the {@code vitals.notifiers.<name>.} prefix
   */
  protected abstract Set<String> badKeys();

  /**
   * The setting that bounds one attempt to {@code timeout}.
   *
   * @param timeout the timeout the kit wants
   * @return by default {@code timeout = <millis>ms}
   */
  protected Map<String, String> timeoutSettings(Duration timeout) {
    return Map.of("timeout", timeout.toMillis() + "ms");
  }

  /**
   * The timeout the kit configures when it sends to a server that never answers.
   *
   * @return 600 ms unless overridden
   */
  protected Duration sendTimeout() {
    return Duration.ofMillis(600);
  }

  /**
   * How much later than {@link #sendTimeout()} a send may give up against a server that never answers.
   *
   * @return 1.5 s unless overridden
   */
  protected Duration timeoutSlack() {
    return Duration.ofMillis(1500);
  }

  /**
   * The {@code java.util.logging} loggers whose records the kit leaves out of what it checks for
   * secrets, with the loggers below them: those of the test's own receiver, which may log what it
   * receives (the JDK's HTTP server logs each request line, a webhook's token in it, at {@code FINE}),
   * and the JDK HTTP client's debug trace ({@code jdk.internal.httpclient.debug}), which logs every
   * request URI at {@code DEBUG} whatever the client's user does: a notifier that sends a token in its
   * URL (as Slack's webhooks require) cannot keep it out of that trace, so a service must not turn it on
   * in production.
   *
   * @return by default {@code com.sun.net.httpserver}, {@code sun.net.httpserver} and
   *     {@code jdk.internal.httpclient}; a subclass adds its receiver's
   */
  protected Set<String> ignoredLoggers() {
    return Set.of("com.sun.net.httpserver", "sun.net.httpserver", "jdk.internal.httpclient");
  }

  /**
   * Checks one delivery the receiver got for an alert the kit sent. A subclass may check more (its
   * payload's fields), calling this first.
   *
   * @param alert the alert sent
   * @param delivered the delivery's text, from {@link Receiver#take()}
   */
  protected void assertDelivered(Alert alert, String delivered) {
    assertTrue(delivered.contains(alert.subject()), "the delivery for the " + alert.state() + " alert names its subject "
        + alert.subject() + ":\n" + delivered);
  }

  /**
   * The kit's firing alert: {@code probe-down} on {@code kit-db}, critical, with a link and a label.
   *
   * @return the alert
   */
  protected static Alert firing() {
    return new Alert("probe-down", "kit-db", Alert.State.FIRING, Alert.Severity.CRITICAL,
        "kit-db is DOWN: connection refused", 1, 1, "status", STARTS, STARTS.plusSeconds(30), false,
        java.util.Optional.of("https://status.example.com/status"), Map.of("type", "jdbc"));
  }

  /**
   * The resolve of {@link #firing()}.
   *
   * @return the alert
   */
  protected static Alert resolved() {
    return new Alert("probe-down", "kit-db", Alert.State.RESOLVED, Alert.Severity.CRITICAL,
        "kit-db is UP again", 0, 1, "status", STARTS, STARTS.plusSeconds(600), false,
        java.util.Optional.of("https://status.example.com/status"), Map.of("type", "jdbc"));
  }

  /**
   * A receiver over a {@link RecordingHttpServer}: a delivery is a request's body, and
   * {@link Receiver#rejectWith(String)} makes it answer {@code 500} with the text.
   *
   * @param server a started server, answering as the notifier's service does when it accepts (such
   *     as {@code 202} for PagerDuty); closed with the receiver
   * @return the receiver
   */
  protected static Receiver httpReceiver(RecordingHttpServer server) {
    Objects.requireNonNull(server, "server");
    return new Receiver() {
      @Override
      public String host() {
        return "127.0.0.1";
      }

      @Override
      public int port() {
        return server.port();
      }

      @Override
      public String take() throws Exception {
        return server.take().text();
      }

      @Override
      public int pending() {
        return server.pending();
      }

      @Override
      public boolean rejectWith(String text) {
        server.answer(500, text);
        return true;
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  /**
   * The module's factory, found with {@link ServiceLoader} as the monitor finds it.
   *
   * @return the one factory of {@link #type()}
   */
  protected final NotifierFactory factory() {
    List<NotifierFactory> matching = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    Iterator<NotifierFactory> it = ServiceLoader.load(NotifierFactory.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        NotifierFactory f = it.next();
        seen.add(f.type());
        if (type().equals(f.type())) {
          matching.add(f);
        }
      } catch (ServiceConfigurationError e) {
        broken.add(String.valueOf(e.getMessage()));
      }
    }
    if (matching.isEmpty()) {
      return fail("no NotifierFactory of type '" + type() + "' registered in META-INF/services/"
          + NotifierFactory.class.getName() + "; found " + seen
          + (broken.isEmpty() ? "" : ", and providers that failed to load: " + broken));
    }
    assertEquals(1, matching.size(), "NotifierFactory '" + type() + "' is registered more than once: "
        + matching.stream().map(f -> f.getClass().getName()).toList());
    return matching.get(0);
  }

  /**
   * Creates a notifier named {@link #NAME} from settings (the kit adds {@code type}).
   *
   * @param settings keys without the {@code vitals.notifiers.<name>.} prefix
   * @return the notifier
   */
  protected final Notifier create(Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.put("type", type());
    Notifier n = factory().create(NotifierConfig.of(NAME, all));
    assertNotNull(n, "NotifierFactory.create returned null");
    return n;
  }

  private Map<String, String> settings(String host, int port, Duration timeout) {
    Map<String, String> s = new LinkedHashMap<>(settingsFor(host, port));
    s.putAll(timeoutSettings(timeout));
    return s;
  }

  @Test
  void factoryIsRegisteredForServiceLoaderUnderItsType() {
    NotifierFactory f = factory();
    assertEquals(type(), f.type());
    assertEquals(f.type().toLowerCase(Locale.ROOT), f.type(), "a notifier type is lower-case");
  }

  @Test
  void theFactoryDeclaresItsKeysAndEveryKeyItsSettingsUse() {
    Set<String> keys = factory().keys();
    assertNotNull(keys, "NotifierFactory.keys() returned null");
    assertEquals(new TreeSet<>(expectedKeys()), new TreeSet<>(keys), "the keys '" + type() + "' declares");
    for (String key : keys) {
      assertFalse(MONITOR_KEYS.contains(key), "'" + type() + "' declares '" + key + "', which the monitor reads for"
          + " every notifier: a type lists only its own keys");
    }
    Map<String, String> used = new LinkedHashMap<>(settings("127.0.0.1", 9, sendTimeout()));
    used.putAll(badSettings());
    for (String key : used.keySet()) {
      String head = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      assertTrue(keys.contains(head) || keys.contains(key), "the kit's settings use '" + key + "', which '" + type()
          + "' does not declare in keys() " + keys + ": the monitor would reject it as unknown");
    }
  }

  @Test
  void theFactoryDeclaresItsDefaultRouting() {
    NotifierRouting routing = factory().defaultRouting();
    assertNotNull(routing, "NotifierFactory.defaultRouting() returned null");
    assertEquals(expectedDefaultRouting(), routing, "the default routing of '" + type() + "'");
  }

  @Test
  void createGivesANotifierWithItsNameStartsNoThreadAndSendsNothing() throws Exception {
    try (Receiver receiver = startReceiver()) {
      Set<Thread> before = Threads.live();
      Notifier n = create(settings(receiver.host(), receiver.port(), sendTimeout()));
      try {
        assertEquals(NAME, n.name(), "Notifier.name() is the configured name");
        assertEquals(Set.of(), Threads.beyond(before), "threads started by create(): it should do no I/O");
        assertEquals(0, receiver.pending(), "create() delivered something: it should do no I/O");
      } finally {
        n.close();
      }
    }
  }

  @Test
  void firingAndResolvedAlertsAreDelivered() throws Exception {
    try (Receiver receiver = startReceiver();
         Notifier n = create(settings(receiver.host(), receiver.port(), Duration.ofSeconds(5)))) {
      send(n, firing(), Duration.ofSeconds(10)).rethrow("sending a FIRING alert to a receiver that accepts it");
      String fired = receiver.take();
      assertDelivered(firing(), fired);
      send(n, resolved(), Duration.ofSeconds(10)).rethrow("sending a RESOLVED alert to a receiver that accepts it");
      String resolvedText = receiver.take();
      assertDelivered(resolved(), resolvedText);
      assertNotEquals(fired, resolvedText, "the FIRING and the RESOLVED alert were delivered alike");
      assertEquals(0, receiver.pending(), "one delivery per alert");
    }
  }

  @Test
  void aSilentReceiverFailsTheSendWithinItsTimeoutAndLeavesNoThread() throws Exception {
    Duration timeout = sendTimeout();
    try (SilentServer silent = new SilentServer();
         Notifier n = create(settings(silent.host(), silent.port(), timeout))) {
      Duration limit = timeout.plus(timeoutSlack());
      // a first attempt may create what lives as long as the notifier (an HTTP client's selector thread)
      send(n, resolved(), limit.plus(limit)).thrown("against a server that never answers");
      Set<Thread> before = Threads.live();
      Outcome second = send(n, firing(), limit.plus(limit));
      Throwable t = second.thrown("against a server that never answers");
      assertTrue(second.took.compareTo(limit) < 0, "send() gave up after " + second.took.toMillis() + " ms against a"
          + " server that never answers, beyond its timeout of " + timeout.toMillis() + " ms plus "
          + timeoutSlack().toMillis() + " ms of slack: the notifier does not honour its timeout");
      assertTrue(second.took.compareTo(timeout.minusMillis(50)) >= 0, "send() gave up after "
          + second.took.toMillis() + " ms, before its timeout of " + timeout.toMillis() + " ms, against a server that"
          + " accepted the connection: " + t);
      assertNoSecrets("in the exception thrown at the timeout", shown(t));
      Threads.awaitNoneBeyond(before);
    }
  }

  @Test
  void aRefusedConnectionFailsTheSendAtOnce() throws Exception {
    int port = closedPort();
    try (Notifier n = create(settings("127.0.0.1", port, Duration.ofSeconds(5)))) {
      Outcome o = send(n, firing(), Duration.ofSeconds(10));
      Throwable t = o.thrown("to a closed port");
      assertTrue(o.took.compareTo(REFUSED_LIMIT) < 0, "send() to a closed port took " + o.took.toMillis()
          + " ms to fail; a refused connection fails at once, not at the 5 s timeout");
      assertNoSecrets("in the exception thrown for a refused connection", shown(t));
    }
  }

  @Test
  void anErrorAnswerEchoingTheSecretsIsReportedWithoutThem() throws Exception {
    try (Receiver receiver = startReceiver()) {
      String echo = "rejected: " + String.join(" ", secrets()) + " in " + settingsFor(receiver.host(), receiver.port());
      Assumptions.assumeTrue(receiver.rejectWith(echo), "this receiver cannot answer with an error "
          + "(Receiver.rejectWith); the check of an error answer that echoes the secrets is skipped");
      try (Notifier n = create(settings(receiver.host(), receiver.port(), Duration.ofSeconds(5)))) {
        Throwable t = send(n, firing(), Duration.ofSeconds(10)).thrown("when the server answers with an error");
        assertNoSecrets("in the exception for an error answer that echoed the request's secrets", shown(t));
      }
    }
  }

  @Test
  void nothingSecretIsPrintedOrShown() throws Exception {
    try (Receiver receiver = startReceiver()) {
      int closed = closedPort();
      StringBuilder shown = new StringBuilder();
      String printed = OutputCapture.capture(ignoredLoggers(), () -> {
        try (Notifier n = create(settings(receiver.host(), receiver.port(), Duration.ofSeconds(5)))) {
          shown.append(n).append('\n');
          send(n, firing(), Duration.ofSeconds(10)).rethrow("sending to a receiver that accepts it");
        }
        try (Notifier n = create(settings("127.0.0.1", closed, Duration.ofSeconds(5)))) {
          shown.append(n).append('\n');
          shown.append(shown(send(n, firing(), Duration.ofSeconds(10)).thrown("to a closed port")));
        }
      });
      assertNoSecrets("printed while notifiers were created, sent, failed and were closed", printed);
      assertNoSecrets("shown by the notifier's toString() or its exception", shown.toString());
    }
  }

  @Test
  void badSettingsAreOneConfigExceptionNamingEveryKeyWithoutItsSecrets() throws Exception {
    List<ConfigException> thrown = new ArrayList<>();
    String printed = OutputCapture.capture(ignoredLoggers(), () -> {
      try {
        Notifier n = create(badSettings());
        n.close();
        fail("expected a ConfigException naming " + badKeys() + " for " + badKeys().size() + " bad settings, but '"
            + type() + "' created a notifier");
      } catch (ConfigException e) {
        thrown.add(e);
      }
    });
    ConfigException e = thrown.get(0);
    List<String> problems = e.problems();
    for (String key : badKeys()) {
      String full = "vitals.notifiers." + NAME + "." + key;
      long naming = problems.stream().filter(p -> p.startsWith(full + " ")).count();
      assertEquals(1, naming, "one problem names " + full + " (every mistake is reported at once); problems: "
          + problems);
    }
    assertEquals(badKeys().size(), problems.size(), "one problem per bad key " + badKeys() + ": " + problems);
    assertNoSecrets("in the ConfigException", shown(e));
    assertNoSecrets("printed while the settings were refused", printed);
  }

  @Test
  void closeIsIdempotentNeverThrowsAndEndsEveryThreadTheNotifierStarted() throws Exception {
    try (Receiver receiver = startReceiver()) {
      Set<Thread> before = Threads.live();
      Notifier n = create(settings(receiver.host(), receiver.port(), Duration.ofSeconds(5)));
      send(n, firing(), Duration.ofSeconds(10)).rethrow("sending to a receiver that accepts it");
      receiver.take();
      for (int i = 1; i <= 3; i++) {
        try {
          n.close();
        } catch (RuntimeException | Error thrown) {
          fail("close() call " + i + " threw " + thrown, thrown);
        }
      }
      n = null;
      // a client that has no close() of its own (Java 17's HttpClient) ends its threads once unreachable
      Threads.awaitNoneBeyondCollectingGarbage(before, Duration.ofSeconds(20));
    }
  }

  /** What one send did: what it threw, if anything, and how long it took. */
  private static final class Outcome {
    final Throwable thrown;
    final Duration took;

    Outcome(Throwable thrown, Duration took) {
      this.thrown = thrown;
      this.took = took;
    }

    Throwable thrown(String when) {
      if (thrown == null) {
        return fail("send() returned normally " + when + ": it must throw when delivery fails, so the monitor retries");
      }
      return thrown;
    }

    void rethrow(String when) {
      if (thrown != null) {
        fail("send() threw " + when + ": " + thrown, thrown);
      }
    }
  }

  /**
   * Sends on a thread of its own, waiting at most {@code limit}: a send that hangs fails the kit, and the
   * thread is interrupted.
   */
  private static Outcome send(Notifier n, Alert alert, Duration limit) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    long[] took = new long[1];
    Thread sender = new Thread(() -> {
      long start = System.nanoTime();
      try {
        n.send(alert);
      } catch (Throwable t) {
        thrown.set(t);
      } finally {
        took[0] = System.nanoTime() - start;
      }
    }, "kit-notifier-sender");
    sender.setDaemon(true);
    sender.start();
    sender.join(limit.toMillis());
    if (sender.isAlive()) {
      sender.interrupt();
      fail("send() did not return within " + limit.toMillis() + " ms: a notifier makes one attempt, bounded by its"
          + " own timeouts");
    }
    return new Outcome(thrown.get(), Duration.ofNanos(took[0]));
  }

  /** A port on 127.0.0.1 where nothing listens. */
  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything an exception shows when logged: its message and toString, its causes', its stack trace. */
  private static String shown(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append('\n').append(c).append('\n');
    }
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return sb.append(trace).toString();
  }

  private void assertNoSecrets(String where, String text) {
    List<String> secrets = secrets();
    assertFalse(secrets.isEmpty(), "secrets() is empty: name the secrets settingsFor(...) carries");
    for (String secret : secrets) {
      if (!secret.isEmpty() && text.contains(secret)) {
        fail("a secret of '" + type() + "' was " + where + ":\n" + text.replace(secret, "<the secret>"));
      }
    }
  }
}
