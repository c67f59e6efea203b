package io.sluice.testing;

/** Exceptions as if thrown from given code: where a failure was thrown is what classifies it. */
public final class ThrownAt {
  private ThrownAt() {}

  /** {@code failure} with a stack of these classes, innermost first; none for no stack at all. */
  public static <T extends Throwable> T thrownAt(T failure, String... classes) {
    StackTraceElement[] frames = new StackTraceElement[classes.length];
    for (int i = 0; i < classes.length; i++) {
      frames[i] = new StackTraceElement(classes[i], "call", null, 1);
    }
    failure.setStackTrace(frames);
    return failure;
  }
}
