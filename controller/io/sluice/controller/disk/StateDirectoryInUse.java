package io.sluice.controller.disk;

import java.io.IOException;
import java.nio.file.Path;

/** Another daemon holds the state directory's lock: this one must not start on it. */
public final class StateDirectoryInUse extends IOException {
  private final String holder;

  StateDirectoryInUse(Path directory, String holder) {
    super(
        "the state directory "
            + directory
            + " is in use by another sluice ("
            + holder
            + "): two daemons on one state directory undo each other's overrides and interleave"
            + " the journal. Stop that one, or give this one its own --state-dir");
    this.holder = holder;
  }

  /** Who holds it, as the holder wrote it into the lock file. */
  public String holder() {
    return holder;
  }
}
