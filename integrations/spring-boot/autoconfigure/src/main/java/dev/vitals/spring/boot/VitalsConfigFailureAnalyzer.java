package dev.vitals.spring.boot;

import dev.vitals.api.spi.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a start-up that failed on Vitals' configuration as Spring prints its own configuration mistakes: every
 * bad {@code vitals.*} key with its value and what is allowed (secrets already masked by the engine), and what to
 * do.
 */
final class VitalsConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
    StringBuilder description = new StringBuilder("Vitals could not start: its configuration has ")
        .append(cause.problems().size() == 1 ? "a mistake" : cause.problems().size() + " mistakes").append(":\n");
    for (String p : cause.problems()) {
      description.append("\n    - ").append(p);
    }
    return new FailureAnalysis(description.toString(),
        "Correct the vitals.* keys named above (application.properties or yaml, a profile, or a VITALS_*"
            + " environment variable). Every key and its allowed values are listed in the Vitals README,"
            + " \"Configuration reference\"; vitals.spring.enabled=false switches Vitals off.",
        cause);
  }
}
