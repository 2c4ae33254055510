package dev.vitals.probes.http;

/**
 * Text that stops a regular expression at a deadline: {@link #charAt(int)} throws {@link Expired}
 * once {@link System#nanoTime()} passes it, since a running {@link java.util.regex.Matcher} cannot be
 * interrupted. The clock is read every 4096 characters read.
 */
final class DeadlineText implements CharSequence {

  /** Thrown when the deadline passed. */
  static final class Expired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Expired() {
      super("deadline passed", null, false, false);
    }
  }

  private final String text;
  private final long deadline;
  private int reads;

  DeadlineText(String text, long deadline) {
    this.text = text;
    this.deadline = deadline;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadline > 0) {
      throw new Expired();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new DeadlineText(text.substring(start, end), deadline);
  }

  @Override
  public String toString() {
    return text;
  }
}
