package dev.vitals.dropwizard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The {@code vitals} section of a Dropwizard application's configuration, read by {@link VitalsBundle}.
 *
 * <pre>{@code
 * vitals:
 *   propertiesFile: config/vitals.properties   # optional: a Vitals properties file
 *   adminHealthCheck: true                     # answer the admin /healthcheck from Vitals (default true)
 *   endpoint: true                             # serve Vitals' /health, /metrics, /status under admin /vitals/*
 *   settings:                                  # any vitals.* key, nested or dotted, "vitals." optional
 *     probes:
 *       database:
 *         interval: 5s
 *         timeout: 1s
 *     http.details: always
 * }</pre>
 *
 * <p>{@code settings} is flattened into Vitals keys: nested maps join their keys with {@code .}, {@code
 * vitals.} is put in front of a key that does not start with it, a list becomes a comma-separated value
 * and every other value its text. Vitals then checks every key as it checks a properties file (unknown
 * keys with a "did you mean", bad values with the full key and what is allowed), when the application
 * starts. Values may read environment variables with {@code ${NAME}}.
 *
 * <p>Immutable and thread-safe.
 */
public final class VitalsConfiguration {

  private static final VitalsConfiguration DEFAULTS = new VitalsConfiguration(null, null, null, null);

  private final Map<String, String> settings;
  private final Path propertiesFile;
  private final boolean adminHealthCheck;
  private final boolean endpoint;

  /**
   * As Jackson reads it from the application's YAML.
   *
   * @param settings Vitals keys, nested or dotted; may be null
   * @param propertiesFile a Vitals properties file; may be null
   * @param adminHealthCheck whether the admin {@code /healthcheck} answers from Vitals; null for true
   * @param endpoint whether Vitals' {@code HealthServlet} is served under the admin {@code /vitals/*}; null
   *     for false
   * @throws IllegalArgumentException if a setting has no value or {@code propertiesFile} is blank, naming
   *     the key
   */
  @JsonCreator
  VitalsConfiguration(@JsonProperty("settings") Map<String, Object> settings,
      @JsonProperty("propertiesFile") String propertiesFile,
      @JsonProperty("adminHealthCheck") Boolean adminHealthCheck,
      @JsonProperty("endpoint") Boolean endpoint) {
    Map<String, String> flat = new LinkedHashMap<>();
    if (settings != null) {
      flatten("", settings, flat);
    }
    this.settings = Collections.unmodifiableMap(flat);
    if (propertiesFile != null && propertiesFile.isBlank()) {
      throw new IllegalArgumentException("vitals.propertiesFile is blank: expected the path of a Vitals properties"
          + " file, or no propertiesFile at all");
    }
    this.propertiesFile = propertiesFile == null ? null : Path.of(propertiesFile);
    this.adminHealthCheck = adminHealthCheck == null || adminHealthCheck;
    this.endpoint = endpoint != null && endpoint;
  }

  /**
   * The defaults: no settings, no properties file, the admin {@code /healthcheck} from Vitals, no
   * endpoint.
   *
   * @return the default configuration
   */
  public static VitalsConfiguration defaults() {
    return DEFAULTS;
  }

  /**
   * A configuration in code.
   *
   * @param settings Vitals keys (nested maps allowed), not null
   * @param propertiesFile a Vitals properties file, or null
   * @param adminHealthCheck whether the admin {@code /healthcheck} answers from Vitals
   * @param endpoint whether Vitals' endpoint is served under the admin {@code /vitals/*}
   * @return the configuration
   * @throws IllegalArgumentException if a setting has no value, naming the key
   */
  public static VitalsConfiguration of(Map<String, ?> settings, Path propertiesFile, boolean adminHealthCheck,
      boolean endpoint) {
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) java.util.Objects.requireNonNull(settings, "settings");
    return new VitalsConfiguration(s, propertiesFile == null ? null : propertiesFile.toString(), adminHealthCheck,
        endpoint);
  }

  private static void flatten(String prefix, Map<?, ?> in, Map<String, String> out) {
    for (Map.Entry<?, ?> e : in.entrySet()) {
      String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map) {
        flatten(key, (Map<?, ?>) v, out);
        continue;
      }
      String full = key.startsWith("vitals.") ? key : "vitals." + key;
      if (v == null) {
        throw new IllegalArgumentException("vitals.settings: " + full + " has no value: expected a value such as"
            + " 10s, true or a URL (a key without a value sets nothing; leave it out)");
      }
      if (v instanceof Collection) {
        StringJoiner j = new StringJoiner(", ");
        for (Object o : (Collection<?>) v) {
          j.add(String.valueOf(o));
        }
        out.put(full, j.toString());
      } else {
        out.put(full, String.valueOf(v));
      }
    }
  }

  /**
   * The Vitals keys, flattened as described above.
   *
   * @return an unmodifiable map of full keys ({@code vitals.probes.database.interval}) to values
   */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * The Vitals properties file, if one is named.
   *
   * @return the path
   */
  public Optional<Path> propertiesFile() {
    return Optional.ofNullable(propertiesFile);
  }

  /**
   * Whether the admin {@code /healthcheck} answers from Vitals' report.
   *
   * @return true by default
   */
  public boolean adminHealthCheck() {
    return adminHealthCheck;
  }

  /**
   * Whether Vitals' endpoint ({@code /health}, {@code /health/ready}, {@code /metrics}, {@code /status}
   * ...) is served under the admin context at {@code /vitals/*}.
   *
   * @return false by default
   */
  public boolean endpoint() {
    return endpoint;
  }

  @Override
  public String toString() {
    // values may be secrets: keys only
    return "VitalsConfiguration{keys=" + settings.keySet() + ", propertiesFile=" + propertiesFile
        + ", adminHealthCheck=" + adminHealthCheck + ", endpoint=" + endpoint + '}';
  }
}
