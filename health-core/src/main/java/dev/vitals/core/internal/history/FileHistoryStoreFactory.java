package dev.vitals.core.internal.history;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryStoreFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Makes the embedded file store (type {@code file}) from {@code vitals.history.dir} (required) and
 * {@code vitals.history.max-size} (a size such as {@code 64MB}; {@value #DEFAULT_MAX_SIZE} by default).
 * Stateless and thread-safe.
 */
public final class FileHistoryStoreFactory implements HistoryStoreFactory {

  /** The directory key. */
  public static final String DIR = "vitals.history.dir";
  /** The size cap key. */
  public static final String MAX_SIZE = "vitals.history.max-size";
  /** The cap when {@link #MAX_SIZE} is not set. */
  public static final String DEFAULT_MAX_SIZE = "256MB";
  /** What a size may look like, for error messages. */
  public static final String SIZE_FORM = "a size from 64KB to 1TB: a whole number with a unit B, KB, MB, GB or TB "
      + "(binary: 1KB = 1024 bytes), such as 512KB, 64MB, 1GB";

  private static final long MIN_SIZE = 64L << 10;
  private static final long MAX_SIZE_BYTES = 1L << 40;

  /** Creates the factory. */
  public FileHistoryStoreFactory() {}

  @Override
  public String type() {
    return "file";
  }

  @Override
  public Set<String> keys() {
    return Set.of(DIR, MAX_SIZE);
  }

  /**
   * Opens the store in {@code vitals.history.dir}.
   *
   * @throws ConfigException listing a missing directory, an unusable path and a bad size together
   * @throws java.io.IOException naming the directory when it cannot be created, read or locked
   */
  @Override
  public HistoryStore create(Config config, String instance) throws Exception {
    java.util.List<String> problems = new java.util.ArrayList<>();
    Path dir = null;
    String rawDir = config.get(DIR).orElse(null);
    if (rawDir == null) {
      problems.add(ConfigException.describe(config.fullKey(DIR), null,
          "the directory of the history store (vitals.history.type = file), such as /var/lib/myservice/vitals"));
    } else {
      try {
        dir = Path.of(rawDir);
      } catch (InvalidPathException e) {
        problems.add(ConfigException.describe(config.fullKey(DIR), rawDir, "a directory path (" + e.getReason() + ")"));
      }
    }
    long maxBytes = 0;
    try {
      maxBytes = maxBytes(config);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return FileHistoryStore.open(dir, maxBytes);
  }

  /**
   * The configured size cap.
   *
   * @param config the configuration
   * @return bytes
   * @throws ConfigException naming {@code vitals.history.max-size}, its value and what is allowed
   */
  public static long maxBytes(Config config) {
    String raw = config.get(MAX_SIZE).orElse(DEFAULT_MAX_SIZE);
    long v = parseSize(raw);
    if (v < MIN_SIZE || v > MAX_SIZE_BYTES) {
      throw new ConfigException(config.fullKey(MAX_SIZE), raw, SIZE_FORM);
    }
    return v;
  }

  /**
   * Parses a size such as {@code 512KB}, {@code 64MB}, {@code 1GB} (binary units, case-insensitive,
   * optional space before the unit; {@code B}, {@code KB}, {@code MB}, {@code GB}, {@code TB}, also
   * {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}).
   *
   * @param text the text
   * @return bytes, or -1 when the text is not a size
   */
  public static long parseSize(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    int digits = 0;
    while (digits < t.length() && t.charAt(digits) >= '0' && t.charAt(digits) <= '9') {
      digits++;
    }
    if (digits == 0 || digits > 15) {
      return -1;
    }
    long n = Long.parseLong(t.substring(0, digits));
    String unit = t.substring(digits).trim().replace("IB", "B");
    int shift;
    switch (unit) {
      case "B": shift = 0; break;
      case "KB": shift = 10; break;
      case "MB": shift = 20; break;
      case "GB": shift = 30; break;
      case "TB": shift = 40; break;
      default: return -1;
    }
    if (n > (Long.MAX_VALUE >> shift)) {
      return -1;
    }
    return n << shift;
  }
}
