package dev.vitals.lambda;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What is true once per Lambda execution environment (one JVM): whether its first invocation has come, and
 * when a SnapStart snapshot was restored. Thread-safe.
 */
final class ExecutionEnvironment {

  /** This process's. */
  static final ExecutionEnvironment CURRENT = new ExecutionEnvironment();

  private final AtomicBoolean invoked = new AtomicBoolean();
  /** Epoch milliseconds of the last restore, or -1. */
  private volatile long restoredAtMillis = -1;

  /**
   * Claims the first invocation.
   *
   * @return true exactly once: for the environment's first invocation (after a restore, again once)
   */
  boolean firstInvocation() {
    return invoked.compareAndSet(false, true);
  }

  /** A snapshot was restored at {@code epochMillis}: the next invocation is a cold start again. */
  void restored(long epochMillis) {
    restoredAtMillis = epochMillis;
    invoked.set(false);
  }

  /** Epoch milliseconds of the last restore, or -1 when none. */
  long restoredAtMillis() {
    return restoredAtMillis;
  }
}
