package dev.vitals.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the start-up harness for one pair of fresh JVMs, so the build keeps it working; the figure itself is
 * measured with {@code StartupOverhead 20} (README.md, Spring Boot), not asserted here: an absolute time on a shared
 * machine is no test.
 */
class StartupOverheadTest {

  @Test
  void theSameAppStartsWithAndWithoutVitalsInFreshJvms() throws Exception {
    StartupOverhead.Result r = StartupOverhead.compare(1, false);
    assertThat(r.withMs()).hasSize(1).allMatch(ms -> ms > 0);
    assertThat(r.withoutMs()).hasSize(1).allMatch(ms -> ms > 0);
  }
}
