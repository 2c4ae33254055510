package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Runs the probe kit's checks against real probe types written for the purpose ({@link KitProbes}):
 * the default kit asks what the engine guarantees, so a probe that relies on the engine's timeout passes
 * it; the opt-in check of the probe's own timeout fails that probe with a message that says what to do,
 * and passes a network probe that sets its socket limits below its timeout.
 */
class ProbeCompatibilityKitTest {

  /** The kit as a probe module would extend it, with a short timeout to keep the test quick. */
  static class Kit extends ProbeCompatibilityKit {
    private final String type;
    private final Map<String, String> working;
    private final Map<String, String> down;
    private final boolean strict;

    Kit(String type, Map<String, String> working, Map<String, String> down, boolean strict) {
      this.type = type;
      this.working = working;
      this.down = down;
      this.strict = strict;
    }

    @Override
    protected String type() {
      return type;
    }

    @Override
    protected Map<String, String> workingSettings() {
      return working;
    }

    @Override
    protected Map<String, String> downSettings() {
      return down;
    }

    @Override
    protected Map<String, String> hangingSettings(SilentServer silent) {
      return Map.of("url", "tcp://" + silent.host() + ":" + silent.port());
    }

    @Override
    protected boolean honoursOwnTimeout() {
      return strict;
    }

    @Override
    protected Duration hangTimeout() {
      return Duration.ofMillis(300);
    }

    @Override
    protected Duration hangSlack() {
      return Duration.ofMillis(700);
    }

    /** Every check of the default kit, as JUnit would run them (each on a new instance: run once). */
    void runDefaultChecks() {
      try {
        serviceLoaderRegistrationIsPresent();
        factoryBuildsAProbeWithTheConfiguredName();
        workingTargetIsAvailableAndResultIsImmutable();
        targetThatIsDownGivesDownWithAMessage();
        hangingTargetIsDownByTheProbesTimeout();
      } finally {
        stopRunner();
      }
    }

    void runOwnTimeoutCheck() {
      try {
        hangingTargetIsAbandonedAtTheProbesOwnTimeout();
      } finally {
        stopRunner();
      }
    }
  }

  private static Kit lax(KitProbes.GreetingServer server, boolean strict) {
    return new Kit("kit-greeting-lax", Map.of("url", server.url()), Map.of("url", KitProbes.closedUrl()), strict);
  }

  private static Kit honouring(KitProbes.GreetingServer server) {
    return new Kit("kit-greeting", Map.of("url", server.url()), Map.of("url", KitProbes.closedUrl()), true);
  }

  private static Kit withoutHangingTarget() {
    return new Kit("kit-waiting", Map.of(), Map.of("answer", "down"), true) {
      @Override
      protected Map<String, String> hangingSettings(SilentServer silent) {
        return null;
      }
    };
  }

  @Test
  void aNetworkProbeThatReliesOnTheEnginesTimeoutPassesTheDefaultKit() throws Exception {
    try (KitProbes.GreetingServer server = new KitProbes.GreetingServer()) {
      assertThatCode(lax(server, false)::runDefaultChecks).doesNotThrowAnyException();
      assertThatThrownBy(lax(server, false)::runOwnTimeoutCheck).as("the stricter check is opt-in")
          .isInstanceOf(TestAbortedException.class).hasMessageContaining("opt-in: return true from honoursOwnTimeout()");
    }
  }

  @Test
  void theSameProbeFailsTheOptInOwnTimeoutCheckSayingWhatToDo() throws Exception {
    try (KitProbes.GreetingServer server = new KitProbes.GreetingServer()) {
      assertThatThrownBy(lax(server, true)::runOwnTimeoutCheck).isInstanceOf(AssertionError.class)
          .hasMessageContaining("check() did not return within 1000 ms (its timeout of 300 ms plus 700 ms of slack)"
              + " against a target that never answers, without an interrupt: the probe does not give up at its own"
              + " timeout")
          .hasMessageContaining("Set its client's connect and read limits below the probe timeout")
          .hasMessageContaining("leave honoursOwnTimeout() false to rely on the engine");
    }
  }

  @Test
  void aNetworkProbeThatHonoursItsTimeoutPassesBoth() throws Exception {
    try (KitProbes.GreetingServer server = new KitProbes.GreetingServer()) {
      assertThatCode(honouring(server)::runDefaultChecks).doesNotThrowAnyException();
      assertThatCode(honouring(server)::runOwnTimeoutCheck).doesNotThrowAnyException();
    }
  }

  @Test
  void aProbeOfSomethingElseNamesItsOwnHangingTargetAndIgnoresTheSilentServer() {
    Kit kit = new Kit("kit-waiting", Map.of(), Map.of("answer", "down"), false) {
      @Override
      protected Map<String, String> hangingSettings(SilentServer silent) {
        return Map.of("wait", "1h");
      }
    };
    assertThatCode(kit::runDefaultChecks).doesNotThrowAnyException();
  }

  @Test
  void aProbeThatCallsAHangingTargetUpFailsTheDefaultKit() throws Exception {
    try (KitProbes.GreetingServer server = new KitProbes.GreetingServer()) {
      Kit kit = new Kit("kit-optimist", Map.of("url", server.url()), Map.of("url", KitProbes.closedUrl()), false);
      assertThatThrownBy(() -> {
        try {
          kit.hangingTargetIsDownByTheProbesTimeout();
        } finally {
          kit.stopRunner();
        }
      }).isInstanceOf(AssertionError.class)
          .hasMessageContaining("expected DOWN from a target that never answers, got ProbeResult{UP");
    }
  }

  @Test
  void aTypeWithNothingThatCanHangSkipsTheHangingChecksSayingSo() {
    assertThatThrownBy(withoutHangingTarget()::runDefaultChecks).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("hangingSettings(SilentServer) gives no hanging target for type 'kit-waiting'");
    assertThatThrownBy(withoutHangingTarget()::runOwnTimeoutCheck).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("gives no hanging target");
  }
}
