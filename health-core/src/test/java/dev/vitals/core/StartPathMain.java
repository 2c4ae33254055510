package dev.vitals.core;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The child JVM of {@link StartPathTest}: starts a monitor with ten code probes on a manual clock
 * (so that nothing runs until the clock moves), prints {@link #STARTED}, lets every probe run once and
 * prints {@link #RAN} with the worst status, then once more and prints {@link #RAN_AGAIN}.
 */
final class StartPathMain {

  static final String STARTED = "START-PATH-TEST started";
  static final String RAN = "START-PATH-TEST ran";
  static final String RAN_AGAIN = "START-PATH-TEST ran again";

  private StartPathMain() {}

  /** The application class loader, without the service files of the test classes. */
  private static final class WithoutTestProviders extends ClassLoader {
    WithoutTestProviders() {
      super(StartPathMain.class.getClassLoader());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      List<URL> kept = new ArrayList<>();
      for (URL u : Collections.list(super.getResources(name))) {
        if (!u.toString().contains("/test-classes/")) {
          kept.add(u);
        }
      }
      return Collections.enumeration(kept);
    }
  }

  public static void main(String[] args) {
    ManualClock clock = new ManualClock();
    // the test classes register providers that fail on purpose (and so log); this run sees the jars' only
    HealthMonitor.Builder b = MonitorTestSupport.manual(clock).classLoader(new WithoutTestProviders());
    for (int i = 0; i < 10; i++) {
      b.probe(Probe.of("p" + i, ProbeResult::up));
    }
    b.config(java.util.Map.of("vitals.trackers.max", "100")); // configuration in code is on the start path too
    try (HealthMonitor monitor = b.build().start()) {
      System.out.println(STARTED);
      System.out.flush();
      clock.advance(Duration.ofSeconds(5)); // the first runs (within 100 ms of start), not the second (10 s)
      Status worst = Status.UP;
      for (ProbeReport p : monitor.report().probes()) {
        worst = worst.worse(p.status());
      }
      System.out.println(RAN + " " + worst);
      System.out.flush();
      clock.advance(Duration.ofSeconds(10));
      System.out.println(RAN_AGAIN);
      System.out.flush();
    }
  }
}
