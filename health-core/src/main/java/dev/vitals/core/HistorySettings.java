package dev.vitals.core;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryStoreFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The history store's settings ({@code vitals.history.*}): which store, how long history is kept,
 * this instance's id, and how time the monitor did not observe counts.
 */
final class HistorySettings {

  /** The engine's own keys under {@code vitals.history.} ({@code dir} and {@code max-size} are the file store's); another store type adds its own. */
  static final Set<String> KEYS = Set.of("vitals.history.type", "vitals.history.dir", "vitals.history.retention",
      "vitals.history.max-size", "vitals.history.instance", "vitals.history.not-observed");
  static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  static final Duration MAX_RETENTION = Duration.ofDays(400);
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  final String type;
  final Duration retention;
  final String instance;
  /** Whether time without a record (the process was not running) counts as down. */
  final boolean notObservedIsDown;
  /** Opens the store (on the history thread: it may touch a disk or a database). */
  final Callable<HistoryStore> opener;
  /** What the store is before it is open (for messages). */
  final String description;

  private HistorySettings(String type, Duration retention, String instance, boolean notObservedIsDown,
      Callable<HistoryStore> opener, String description) {
    this.type = type;
    this.retention = retention;
    this.instance = instance;
    this.notObservedIsDown = notObservedIsDown;
    this.opener = opener;
    this.description = description;
  }

  /** Settings for a store given in code ({@code Builder.historyStore}). */
  static HistorySettings ofStore(HistoryStore store, Config all, List<String> problems) {
    HistorySettings common = common(all, problems, "code");
    return new HistorySettings("code", common.retention, common.instance, common.notObservedIsDown, () -> store,
        store.describe());
  }

  /**
   * Reads the settings.
   *
   * @param all the configuration
   * @param types the store types by name ({@code file} among them)
   * @param problems where every mistake goes
   * @return the settings, or null when no store is configured
   */
  static HistorySettings from(Config all, Map<String, HistoryStoreFactory> types, List<String> problems) {
    String type = all.get("vitals.history.type").orElse(null);
    if (type == null) {
      if (all.get("vitals.history.dir").isPresent()) {
        type = "file";
      } else {
        for (String k : all.keys()) {
          if (k.startsWith("vitals.history.")) {
            problems.add(k + " is set but no history store is: set vitals.history.dir (the embedded file store) or"
                + " vitals.history.type (one of " + new TreeSet<>(types.keySet()) + ")");
            return null;
          }
        }
        return null;
      }
    }
    HistoryStoreFactory factory = types.get(type);
    if (factory == null) {
      problems.add(ConfigException.describe("vitals.history.type", type, "one of " + new TreeSet<>(types.keySet())
          + (type.equals("jdbc") ? " (the jdbc store is in the module history-jdbc: add dev.vitals:history-jdbc)" : "")));
      common(all, problems, type); // every mistake at once
      return null;
    }
    if (type.equals("file") && all.get("vitals.history.dir").isEmpty()) {
      problems.add("vitals.history.dir is missing: the file history store needs a directory to keep its files in,"
          + " such as /var/lib/myservice/vitals");
    }
    ConfigReads.collect(problems, () -> factory.validate(all));
    HistorySettings common = common(all, problems, type);
    String instance = common.instance;
    String description = type.equals("file") ? "file:" + Path.of(all.get("vitals.history.dir").orElse(".")).toAbsolutePath()
        : type;
    return new HistorySettings(type, common.retention, instance, common.notObservedIsDown,
        () -> factory.create(all, instance), description);
  }

  private static HistorySettings common(Config all, List<String> problems, String type) {
    Duration retention = ConfigReads.duration(problems, all, "vitals.history.retention", DEFAULT_RETENTION);
    if (retention.compareTo(Duration.ofDays(1)) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
      problems.add(ConfigException.describe("vitals.history.retention", all.get("vitals.history.retention").orElse(""),
          "a duration from 1d to 400d (30d by default; 90d keeps a quarter)"));
      retention = DEFAULT_RETENTION;
    }
    String instance = all.get("vitals.history.instance").orElse(null);
    if (instance == null) {
      instance = hostName();
    } else if (!INSTANCE.matcher(instance).matches()) {
      problems.add(ConfigException.describe("vitals.history.instance", instance,
          "1 to 100 letters, digits, '.', '_', ':' or '-' (this instance's id in a shared store; the host name by default)"));
    }
    String notObserved = all.get("vitals.history.not-observed").orElse("ignore");
    if (!notObserved.equals("ignore") && !notObserved.equals("down")) {
      problems.add(ConfigException.describe("vitals.history.not-observed", notObserved,
          "'ignore' (time the process was not running is shown as not observed and left out of availability, the"
              + " default) or 'down' (it counts as unavailable)"));
    }
    return new HistorySettings(type, retention, instance, notObserved.equals("down"), null, type);
  }

  /** The host name without a DNS lookup: HOSTNAME, COMPUTERNAME, the kernel's, else "default". */
  static String hostName() {
    for (String v : new String[] {System.getenv("HOSTNAME"), System.getenv("COMPUTERNAME")}) {
      if (v != null && INSTANCE.matcher(v.trim()).matches()) {
        return v.trim();
      }
    }
    try {
      Path p = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(p)) {
        String v = Files.readString(p, StandardCharsets.US_ASCII).trim();
        if (INSTANCE.matcher(v).matches()) {
          return v;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // fall through
    }
    return "default";
  }
}
