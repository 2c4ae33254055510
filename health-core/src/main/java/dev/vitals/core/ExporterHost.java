package dev.vitals.core;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.Redaction;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.api.spi.ProbeObserver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the engine does with the {@link ExporterFactory} SPI, knowing no exporter by name: finds
 * the factories (one per name), takes the keys each declares, runs each one's checks when the monitor
 * is built, and hosts the exporters they create: starts them with an {@link ExporterContext} and closes
 * them. A broken exporter is reported and skipped; it never stops the monitor. Not thread-safe: the
 * monitor calls it under its state lock.
 */
final class ExporterHost {

  /** The logger, created on first use (see the package documentation, start-up rules). */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ExporterHost.class);

    private Log() {}
  }

  private final List<Exporter> started = new ArrayList<>();

  /**
   * The exporter factories: those registered in code, then those found with ServiceLoader (when
   * discovery is on), one per name. A factory whose name cannot be read, or whose name is taken, is
   * skipped and reported.
   *
   * @param given registered in code
   * @param discovery whether to look with ServiceLoader
   * @param loader where to look
   * @param loadProblems where skipped factories are reported
   * @return the factories, code first
   */
  static List<ExporterFactory> factories(List<ExporterFactory> given, boolean discovery, ClassLoader loader,
      List<String> loadProblems) {
    List<ExporterFactory> all = new ArrayList<>(given);
    if (discovery) {
      all.addAll(Plugins.load(ExporterFactory.class, loader, loadProblems));
    }
    Set<String> seen = new HashSet<>();
    List<ExporterFactory> out = new ArrayList<>();
    for (ExporterFactory f : all) {
      String name;
      try {
        name = f.name();
      } catch (RuntimeException e) {
        loadProblems.add("skipped exporter " + f.getClass().getName() + ": name() failed: " + e);
        continue;
      }
      if (!seen.add(name)) {
        String message = "skipped a second exporter named '" + name + "' (" + f.getClass().getName() + ")";
        Log.LOG.warn("Vitals {}", message);
        loadProblems.add(message);
        continue;
      }
      out.add(f);
    }
    return out;
  }

  /**
   * What an exporter claims; its own prefix when {@code keys()} fails (a broken provider never stops
   * start-up).
   *
   * @param f the factory
   * @param loadProblems where a failure is reported
   * @return full keys and prefixes ending with a dot
   */
  static Set<String> keys(ExporterFactory f, List<String> loadProblems) {
    try {
      Set<String> keys = f.keys();
      if (keys != null) {
        return keys;
      }
      loadProblems.add("exporter '" + f.name() + "' declared no keys (null): it is taken to read vitals."
          + f.name() + ".*");
    } catch (RuntimeException e) {
      loadProblems.add("exporter '" + f.name() + "' failed to declare its keys: "
          + Redaction.redact(String.valueOf(e.getMessage())) + "; it is taken to read vitals." + f.name() + ".*");
    }
    return Set.of("vitals." + f.name() + ".");
  }

  /**
   * Runs an exporter's checks: bad values join every other problem; a broken check is reported and skipped.
   *
   * @param f the factory
   * @param all the whole checked configuration
   * @param problems where bad values go
   * @param loadProblems where a broken check goes
   */
  static void validate(ExporterFactory f, Config all, List<String> problems, List<String> loadProblems) {
    try {
      f.validate(all);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    } catch (RuntimeException | LinkageError e) {
      String message = "exporter '" + f.name() + "' failed to check its settings: "
          + Redaction.redact(String.valueOf(e.getMessage()));
      Log.LOG.warn("Vitals {}", message, e);
      loadProblems.add(message);
    }
  }

  /**
   * Creates the exporters. A factory may decline (its settings turn it off); one that fails is logged
   * and reported; a {@link ConfigException} is thrown on.
   *
   * @param factories found, named and checked when the monitor was built: each name is unique
   * @param context what exporters see of the monitor
   * @param problems where failures are reported
   */
  void start(List<ExporterFactory> factories, ExporterContext context, List<String> problems) {
    for (ExporterFactory f : factories) {
      String name = f.name();
      try {
        Optional<Exporter> e = f.create(context);
        if (e.isPresent()) {
          started.add(e.get());
        }
      } catch (ConfigException e) {
        throw e;
      } catch (Exception | LinkageError e) {
        String message = "exporter '" + name + "' failed to start: " + Redaction.redact(String.valueOf(e.getMessage()));
        Log.LOG.warn("Vitals {}", message, e);
        problems.add(message);
      }
    }
  }

  /** The exporters that started, a copy. */
  List<Exporter> started() {
    return List.copyOf(started);
  }

  /** Closes every started exporter; one that fails is logged. */
  void close() {
    for (Exporter e : started) {
      try {
        e.close();
      } catch (RuntimeException ex) {
        Log.LOG.warn("Vitals exporter {} failed to close", e.name(), ex);
      }
    }
  }

  /** What exporters see of a running monitor. */
  static final class Context implements ExporterContext {
    private final Config config;
    private final Engine engine;
    private final HistoryKeeper history;

    Context(Config config, Engine engine, HistoryKeeper history) {
      this.config = config;
      this.engine = engine;
      this.history = history;
    }

    @Override
    public java.util.Optional<dev.vitals.api.History> history() {
      return java.util.Optional.ofNullable(history);
    }

    @Override
    public Config config() {
      return config;
    }

    @Override
    public HealthReport report() {
      return engine.report();
    }

    @Override
    public Clock clock() {
      return engine.clock;
    }

    @Override
    public void addListener(HealthListener listener) {
      engine.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void addProbeObserver(ProbeObserver observer) {
      engine.observers.add(Objects.requireNonNull(observer, "observer"));
    }
  }
}
