package dev.vitals.microprofile.internal;

/**
 * Marks the threads on which Vitals itself calls a MicroProfile {@code HealthCheck} (a probe run, or
 * the first call that learns a check's name). {@link ReportAnsweringDecorator} lets such a call through
 * to the check and answers every other call (SmallRye Health's, on the request thread) from Vitals'
 * latest report. Internal: no part of the API.
 */
public final class ProbeCalls {

  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

  private ProbeCalls() {}

  /** Marks the current thread as Vitals' own call; pair with {@link #exit()} in a {@code finally}. */
  public static void enter() {
    ACTIVE.set(Boolean.TRUE);
  }

  /** Ends the mark set by {@link #enter()}. */
  public static void exit() {
    ACTIVE.remove();
  }

  /**
   * Whether the current thread is in a call made by Vitals.
   *
   * @return true inside {@link #enter()} ... {@link #exit()}
   */
  public static boolean active() {
    return ACTIVE.get() != null;
  }
}
