package dev.vitals.microprofile.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * The {@code vitals.*} keys of MicroProfile Config (Quarkus' {@code application.properties}, system
 * properties ...), with their raw values: Vitals expands {@code ${NAME}} itself, so secrets stay
 * registered with its scrubber. Environment variables are not read here: Vitals' own
 * {@code VITALS_*} overrides apply to every key. Without MicroProfile Config (its API or an
 * implementation), no keys.
 */
final class MicroProfileConfigKeys {

  private static final System.Logger LOG = System.getLogger(MicroProfileConfigKeys.class.getName());

  private MicroProfileConfigKeys() {}

  static Map<String, String> read() {
    try {
      return keys();
    } catch (LinkageError | IllegalStateException e) {
      LOG.log(System.Logger.Level.DEBUG, "Vitals reads no MicroProfile Config: {0}", e.toString());
      return Map.of();
    }
  }

  private static Map<String, String> keys() {
    Config config = ConfigProvider.getConfig();
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("vitals.")) {
        ConfigValue v = config.getConfigValue(name);
        String raw = v.getRawValue();
        if (raw != null) {
          out.put(name, raw);
        }
      }
    }
    return out;
  }
}
