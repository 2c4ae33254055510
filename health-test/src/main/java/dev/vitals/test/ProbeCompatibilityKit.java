package dev.vitals.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * supplies its targets, all real: one that works, one that is down, and one that hangs.
 *
 * <p>The kit checks what the engine relies on and nothing more by default:
 * <ul>
 *   <li>the type is registered for {@link ServiceLoader}, and its factory builds a probe with the
 *       configured name and type;</li>
 *   <li>a working target gives {@code UP} or {@code DEGRADED}, with an immutable result;</li>
 *   <li>a target that is down gives {@code DOWN} with a message (or throws an exception with one);</li>
 *   <li>a hanging target is never reported available: run as the engine runs it, the check either
 *       gives {@code DOWN} with a message within the probe's timeout, or is interrupted at the timeout
 *       and reported {@code DOWN} ("timed out after ...") as the engine reports it. A probe may rely on
 *       the engine's timeout;</li>
 *   <li>no secret from {@link #secrets()} appears in any result.</li>
 * </ul>
 *
 * <p><b>Opt-in: the probe's own timeout.</b> A network probe should not rely on the engine's
 * interrupt alone: a thread blocked in a socket read does not answer it, and stays held until the
 * peer goes away. Such a probe sets its client's connect and read limits below the probe timeout and
 * returns {@code true} from {@link #honoursOwnTimeout()}; the kit then also checks that, against the
 * hanging target and without any interrupt, the check returns {@code DOWN} within
 * {@link #hangTimeout()} plus {@link #hangSlack()}.
 *
 * <p>Every check here runs under a hard limit, so a broken probe fails the kit instead of hanging it.
 * How to use it from JUnit 5: the module's {@code README.md}.
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
   * <p>A self-timed probe whose first run cannot be {@code DOWN} (a heartbeat judges lateness from its
   * second run on) returns {@code null}: the check is then skipped, saying so, and the module tests its
   * {@code DOWN} results itself.
   *
   * @return settings, or {@code null} when no fresh probe of this type can be {@code DOWN} on its first run
   */
  protected abstract Map<String, String> downSettings();

  /**
   * Settings that point at a target that hangs: it takes the probe's request and never answers. The
   * kit adds the {@code timeout} key ({@link #hangTimeout()}).
   *
   * <p>A network probe points at {@code silent}, a server on 127.0.0.1 that accepts connections and
   * never answers (a frozen database, a hung downstream). A probe of something else ignores it and
   * names whatever hangs for it (a lock the test holds, a queue nobody fills). A probe type with
   * nothing that can hang returns {@code null}: the hanging checks are then skipped, saying so.
   *
   * @param silent a server that accepts connections and never answers, closed after the check
   * @return settings, or {@code null} when nothing this probe type checks can hang; {@code null}
   *     unless overridden
   */
  protected Map<String, String> hangingSettings(SilentServer silent) {
    return null;
  }

  /**
   * Whether the probe gives up at its own timeout, without the engine's interrupt: opt in to the
   * stricter check {@link #hangingTargetIsAbandonedAtTheProbesOwnTimeout()}. Network probes should
   * (see the class description); a probe that relies on the engine's timeout leaves it off.
   *
   * @return {@code false} unless overridden
   */
  protected boolean honoursOwnTimeout() {
    return false;
  }

  /**
   * Strings that must never appear in a result (passwords, tokens used in the settings).
   *
   * @return the secrets; none by default
   */
  protected List<String> secrets() {
    return List.of();
  }

  /**
   * The timeout the kit gives the probe of the hanging target (its {@code timeout} key).
   *
   * @return 1 second unless overridden
   */
  protected Duration hangTimeout() {
    return Duration.ofSeconds(1);
  }

  /**
   * How long past its timeout a probe may take to give up on its own, in the opt-in check
   * {@link #hangingTargetIsAbandonedAtTheProbesOwnTimeout()}.
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
      return fail("check() did not return within " + limit);
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
    Map<String, String> down = downSettings();
    assumeTrue(down != null, "downSettings() gives no target that is down for type '" + type() + "'");
    ProbeResult r = run(probe("kit-down", down), Duration.ofSeconds(30));
    assertEquals(Status.DOWN, r.status(), "expected DOWN from a target that is down, got " + r);
    assertTrue(r.message().filter(m -> !m.isBlank()).isPresent(), "a DOWN result says what failed: " + r);
    assertNoSecrets(r);
  }

  /**
   * A hanging target, run as the engine runs it: interrupted at the probe's timeout, when it is
   * reported {@code DOWN} whatever the check does afterwards. The check may return {@code DOWN} with a
   * message sooner, but never {@code UP} or {@code DEGRADED}.
   */
  @Test
  void hangingTargetIsDownByTheProbesTimeout() {
    try (SilentServer silent = new SilentServer()) {
      Probe p = hangingProbe(silent);
      Future<ProbeResult> f = runner.submit(p::check);
      ProbeResult r;
      try {
        r = f.get(hangTimeout().toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(r, "check() returned null");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        assertNotNull(cause.getMessage(), "check() threw " + cause.getClass().getName() + " without a message");
        r = ProbeResult.down(cause);
      } catch (TimeoutException e) {
        f.cancel(true); // what the engine does at the timeout; the run is DOWN whatever the check does next
        r = ProbeResult.down("timed out after " + hangTimeout().toMillis() + "ms");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        r = fail("interrupted");
      }
      assertEquals(Status.DOWN, r.status(), "expected DOWN from a target that never answers, got " + r);
      assertTrue(r.message().filter(m -> !m.isBlank()).isPresent(), "a DOWN result says what failed: " + r);
      assertNoSecrets(r);
    }
  }

  /**
   * Opt-in ({@link #honoursOwnTimeout()}): against a hanging target, without any interrupt, the check
   * gives up on its own and returns {@code DOWN} within its timeout plus {@link #hangSlack()}.
   */
  @Test
  void hangingTargetIsAbandonedAtTheProbesOwnTimeout() {
    assumeTrue(honoursOwnTimeout(), "opt-in: return true from honoursOwnTimeout() to check that the probe gives"
        + " up at its own timeout (network probes should)");
    try (SilentServer silent = new SilentServer()) {
      Probe p = hangingProbe(silent);
      Duration limit = hangTimeout().plus(hangSlack());
      Future<ProbeResult> f = runner.submit(p::check);
      ProbeResult r;
      try {
        r = f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(r, "check() returned null");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        assertNotNull(cause.getMessage(), "check() threw " + cause.getClass().getName() + " without a message");
        r = ProbeResult.down(cause);
      } catch (TimeoutException e) {
        f.cancel(true);
        r = fail("check() did not return within " + limit.toMillis() + " ms (its timeout of " + hangTimeout().toMillis()
            + " ms plus " + hangSlack().toMillis() + " ms of slack) against a target that never answers, without"
            + " an interrupt: the probe does not give up at its own timeout, as honoursOwnTimeout() says it does."
            + " Set its client's connect and read limits below the probe timeout, or leave honoursOwnTimeout()"
            + " false to rely on the engine, which interrupts a run at its timeout and reports it DOWN");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        r = fail("interrupted");
      }
      assertEquals(Status.DOWN, r.status(), "expected DOWN from a target that never answers, got " + r);
      assertNoSecrets(r);
    }
  }

  private Probe hangingProbe(SilentServer silent) {
    Map<String, String> hanging = hangingSettings(silent);
    assumeTrue(hanging != null, "hangingSettings(SilentServer) gives no hanging target for type '" + type() + "'");
    Map<String, String> settings = new java.util.HashMap<>(hanging);
    settings.put("timeout", hangTimeout().toMillis() + "ms");
    return probe("kit-hanging", settings);
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
