package io.sluice.controller.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Forces a file's written bytes to the device. Every state file Sluice writes on the {@link
 * DiskLane} is forced through the lane's {@code Fsync}, so that this is the one seam where a test
 * slows the disk down or makes it fail.
 */
@FunctionalInterface
public interface Fsync {

  /**
   * @param metadata also the file's metadata (its size, for a file that grew), as {@link
   *     FileChannel#force(boolean)}
   */
  void force(FileChannel channel, boolean metadata) throws IOException;

  /** The real thing: {@link FileChannel#force(boolean)}. */
  Fsync DEVICE = FileChannel::force;
}
