package dev.vitals.probes.redis;

/** A failure tagged with the step it happened in ({@code connect}), when that is not the command's own. */
final class StepFailure extends Exception {

  private static final long serialVersionUID = 1L;

  final String step;

  StepFailure(String step, Throwable cause) {
    super(cause.getMessage(), cause);
    this.step = step;
  }
}
