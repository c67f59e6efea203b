package io.sluice.controller.ha;

/**
 * A fenced write refused because this replica no longer leads in the epoch it acted in: a newer
 * epoch began, its session ended, or it is not leading at all. Nothing was written, and the cloud
 * write it was to precede must not be made.
 */
public final class FencedOut extends RuntimeException {
  private final long epoch;

  public FencedOut(long epoch, String why) {
    super("fenced out of epoch " + epoch + ": " + why);
    this.epoch = epoch;
  }

  /** The epoch this replica acted in. */
  public long epoch() {
    return epoch;
  }
}
