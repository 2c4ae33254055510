package dev.vitals.core;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryStoreFactory;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store type for the engine's tests ({@code vitals.history.type = test}), found with ServiceLoader:
 * {@code vitals.history.test.name} names a {@link MemoryHistoryStore} a test registered in {@link #STORES};
 * an unknown name fails {@code create} as an unreachable store would, a name with a space fails
 * {@code validate}.
 */
public final class TestHistoryStoreFactory implements HistoryStoreFactory {

  static final Map<String, MemoryHistoryStore> STORES = new ConcurrentHashMap<>();

  @Override
  public String type() {
    return "test";
  }

  @Override
  public void validate(Config config) {
    String name = config.get("vitals.history.test.name").orElse("");
    if (name.contains(" ")) {
      throw new ConfigException("vitals.history.test.name", name, "a name without spaces");
    }
  }

  @Override
  public HistoryStore create(Config config, String instance) throws IOException {
    MemoryHistoryStore s = STORES.get(config.get("vitals.history.test.name").orElse(""));
    if (s == null) {
      throw new IOException("no store answers at " + config.get("vitals.history.test.name").orElse("") + " (instance "
          + instance + ")");
    }
    return s;
  }
}
