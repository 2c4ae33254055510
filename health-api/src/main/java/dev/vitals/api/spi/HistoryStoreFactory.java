package dev.vitals.api.spi;

import java.util.Set;

/**
 * Makes history stores of one type ({@code vitals.history.type}), found with
 * {@link java.util.ServiceLoader}. The monitor's own file store has type {@code file}.
 */
public interface HistoryStoreFactory {

  /**
   * The type this factory makes, such as {@code jdbc}.
   *
   * @return the type, lower case
   */
  String type();

  /**
   * The configuration keys this type reads, full keys or prefixes ending in a dot; the monitor refuses
   * unknown {@code vitals.history.*} keys.
   *
   * @return keys and prefixes, by default {@code vitals.history.<type>.}
   */
  default Set<String> keys() {
    return Set.of("vitals.history." + type() + ".");
  }

  /**
   * Checks this type's settings without opening anything (no file, no connection), when the monitor is
   * built, so that a bad value fails start-up.
   *
   * @param config the whole configuration
   * @throws ConfigException listing every bad setting; by default nothing is checked
   */
  default void validate(Config config) {}

  /**
   * Makes a store.
   *
   * @param config the whole configuration (this type's keys under {@code vitals.history.<type>.})
   * @param instance this process's instance id ({@code vitals.history.instance}): a store shared by
   *     several instances keeps each instance's history apart by it
   * @return the store, ready to use
   * @throws ConfigException listing every bad setting
   * @throws Exception when the store cannot be opened now (the monitor reports it, keeps the minutes in
   *     memory, bounded, and tries again)
   */
  HistoryStore create(Config config, String instance) throws Exception;
}
