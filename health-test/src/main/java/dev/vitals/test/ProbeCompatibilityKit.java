package dev.vitals.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every probe type must have. A probe module extends this class in its tests and
 * supplies three targets, all real: one that works, one that is down, and one that hangs.
 *
 * <p>The kit checks that:
 * <ul>
 *   <li>a working target gives {@code UP} or {@code DEGRADED}, with an immutable result;</li>
 *   <li>a target that is down gives {@code DOWN} with a message (or an exception with one), and no
 *       secret from {@link #secrets()} appears in it;</li>
 *   <li>a hanging target ({@link SilentServer} is one) makes the probe give up within its own
 *       timeout, with some slack, on its own, without the engine's help;</li>
 *   <li>the type is registered for {@link ServiceLoader}, and its factory builds a probe with the
 *       configured name.</li>
 * </ul>
 *
 * <p>Every check here runs under a hard limit, so a broken probe fails the kit instead of hanging it.
 */
public abstract class ProbeCompatibilityKit {

  private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "probe-kit");
    t.setDaemon(true);
    return t;
  });

  /**
   * The type the module's {@link ProbeFactory} provides, such as {@code jdbc}.
   *
   * @return the type
   */
  protected abstract String type();

  /**
   * Settings for the factory that point at a working target (the {@code type} key is added).
   *
   * @return settings such as {@code url}
   */
  protected abstract Map<String, String> workingSettings();

  /**
   * Settings that point at a target that is down (a closed port, a stopped server).
   *
   * @return settings
   */
  protected abstract Map<String, String> downSettings();

  /**
   * Settings that point at a target that accepts connections and never answers, with the given
   * probe timeout in the {@code timeout} key (the kit adds it).
   *
   * @param silent a server that never answers
   * @return settings
   */
  protected abstract Map<String, String> hangingSettings(SilentServer silent);

  /**
   * Strings that must never appear in a result (passwords, tokens used in the settings).
   *
   * @return the secrets; none by default
   */
  protected List<String> secrets() {
    return List.of();
  }

  /**
   * The timeout the kit gives the hanging probe.
   *
   * @return 1 second unless overridden
   */
  protected Duration hangTimeout() {
    return Duration.ofSeconds(1);
  }

  /**
   * How long past its timeout a probe may take to give up.
   *
   * @return 2 seconds unless overridden
   */
  protected Duration hangSlack() {
    return Duration.ofSeconds(2);
  }

  /** Stops the kit's threads. */
  @AfterEach
  void stopRunner() {
    runner.shutdownNow();
  }

  /**
   * Builds a probe with the module's factory, as the monitor would.
   *
   * @param name the probe's name
   * @param settings the settings without {@code type}
   * @return the probe
   */
  protected final Probe probe(String name, Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("type", type());
    return factory().create(ProbeConfig.of(name, all));
  }

  /**
   * The module's factory, found with {@link ServiceLoader}.
   *
   * @return the factory
   */
  protected final ProbeFactory factory() {
    List<String> seen = new ArrayList<>();
    for (ProbeFactory f : ServiceLoader.load(ProbeFactory.class)) {
      if (f.type().equals(type())) {
        return f;
      }
      seen.add(f.type());
    }
    return fail("no ProbeFactory of type '" + type() + "' registered in META-INF/services; found " + seen);
  }

  /**
   * Runs a probe's check under a hard limit.
   *
   * @param probe the probe
   * @param limit the hard limit
   * @return the result, or a DOWN result built from what the check threw
   */
  protected final ProbeResult run(Probe probe, Duration limit) {
    Future<ProbeResult> f = runner.submit(probe::check);
    try {
      ProbeResult r = f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(r, "check() returned null");
      return r;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      assertNotNull(cause.getMessage(), "check() threw " + cause.getClass().getName() + " without a message");
      return ProbeResult.down(cause);
    } catch (TimeoutException e) {
      f.cancel(true);
      return fail("check() did not return within " + limit + ": the probe does not honour its timeout");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  @Test
  void serviceLoaderRegistrationIsPresent() {
    assertEquals(type(), factory().type());
    assertFalse(factory().keys().contains("type"), "keys() lists only the type's own keys");
  }

  @Test
  void factoryBuildsAProbeWithTheConfiguredName() {
    Probe p = probe("kit-probe", workingSettings());
    assertEquals("kit-probe", p.name());
    assertEquals(type(), p.type());
  }

  @Test
  void workingTargetIsAvailableAndResultIsImmutable() {
    ProbeResult r = run(probe("kit-working", workingSettings()), Duration.ofSeconds(30));
    assertTrue(r.status().isAvailable(), "expected UP or DEGRADED from a working target, got " + r);
    assertThrows(UnsupportedOperationException.class, () -> r.details().put("x", "y"));
    assertNoSecrets(r);
  }

  @Test
  void targetThatIsDownGivesDownWithAMessage() {
    ProbeResult r = run(probe("kit-down", downSettings()), Duration.ofSeconds(30));
    assertEquals(Status.DOWN, r.status(), "expected DOWN from a target that is down, got " + r);
    assertTrue(r.message().filter(m -> !m.isBlank()).isPresent(), "a DOWN result says what failed: " + r);
    assertNoSecrets(r);
  }

  @Test
  void hangingTargetIsAbandonedAtTheProbesOwnTimeout() {
    try (SilentServer silent = new SilentServer()) {
      Map<String, String> settings = new java.util.HashMap<>(hangingSettings(silent));
      settings.put("timeout", hangTimeout().toMillis() + "ms");
      Probe p = probe("kit-hanging", settings);
      ProbeResult r = run(p, hangTimeout().plus(hangSlack()));
      assertEquals(Status.DOWN, r.status(), "expected DOWN from a target that never answers, got " + r);
      assertNoSecrets(r);
    }
  }

  /**
   * Fails when a result mentions any of {@link #secrets()}.
   *
   * @param r the result
   */
  protected final void assertNoSecrets(ProbeResult r) {
    String text = r.toString();
    for (String secret : secrets()) {
      assertFalse(text.contains(secret), "result leaks a secret: " + text);
    }
  }
}
