package dev.vitals.core;

import dev.vitals.api.spi.HistoryStoreFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The history store types: the engine's file store and those found with {@link java.util.ServiceLoader}. */
final class HistoryStores {

  private HistoryStores() {}

  /**
   * Every store type by name.
   *
   * @param loader the class loader for the service lookup
   * @param loadProblems where a broken provider or a second provider of a type is reported
   * @return the types, {@code file} first among equals
   */
  static Map<String, HistoryStoreFactory> types(ClassLoader loader, List<String> loadProblems) {
    Map<String, HistoryStoreFactory> types = new TreeMap<>();
    types.put("file", new dev.vitals.core.internal.history.FileHistoryStoreFactory()); // the engine's own
    for (HistoryStoreFactory f : Plugins.load(HistoryStoreFactory.class, loader, loadProblems)) {
      HistoryStoreFactory previous = types.putIfAbsent(f.type(), f);
      if (previous != null && previous.getClass() != f.getClass()) {
        loadProblems.add("two providers of history store type '" + f.type() + "': using "
            + previous.getClass().getName() + ", ignoring " + f.getClass().getName());
      }
    }
    return types;
  }
}
