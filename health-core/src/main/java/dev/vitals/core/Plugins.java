package dev.vitals.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads ServiceLoader providers defensively: a broken provider is logged, reported and skipped. */
final class Plugins {

  /** The logger, created on first use (see the package documentation, start-up rules). */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    private Log() {}
  }

  private Plugins() {}

  static <T> List<T> load(Class<T> type, ClassLoader loader, List<String> problems) {
    List<T> found = new ArrayList<>();
    Iterator<T> it = ServiceLoader.load(type, loader).iterator();
    for (int errors = 0; errors < 100; ) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        String message = "skipped a " + type.getSimpleName() + " provider that failed to load: "
            + dev.vitals.api.Redaction.redact(String.valueOf(e.getMessage()));
        Log.LOG.warn("Vitals {}", message, e);
        problems.add(message);
        errors++;
      }
    }
    return found;
  }
}
