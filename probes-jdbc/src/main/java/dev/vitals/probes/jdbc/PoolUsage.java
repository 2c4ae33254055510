package dev.vitals.probes.jdbc;

/**
 * A pool's usage at one moment, in connections and threads.
 *
 * @param name the pool's name
 * @param active connections in use
 * @param idle connections free
 * @param total connections open
 * @param waiting threads waiting for a connection
 * @param max the pool's maximum size
 */
record PoolUsage(String name, int active, int idle, int total, int waiting, int max) {

  /**
   * Whether every connection the pool may open is in use.
   *
   * @return true when {@code active >= max}
   */
  boolean saturated() {
    return active >= max;
  }

  @Override
  public String toString() {
    return "pool '" + name + "' (active=" + active + ", idle=" + idle + ", total=" + total
        + ", max=" + max + ", waiting=" + waiting + ")";
  }
}
