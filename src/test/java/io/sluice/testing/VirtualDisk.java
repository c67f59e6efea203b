package io.sluice.testing;

import io.sluice.controller.journal.JournalLane;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * The daemon's disk lane on a {@link VirtualTime}: one ordered queue whose work takes a random
 * while each and completes in submission order, for the process under test (a crash drops what it
 * had not finished, as a kill -9 drops what the lane had not yet written). The journal and the
 * audit trail share it, as they share the daemon's lane.
 */
public final class VirtualDisk implements JournalLane {
  private final VirtualTime time;
  private final SplittableRandom random;
  private final Duration slowest;
  private long free;

  public VirtualDisk(VirtualTime time, SplittableRandom random, Duration slowest) {
    this.time = time;
    this.random = random;
    this.slowest = slowest;
    this.free = time.nanos();
  }

  @Override
  public <T> Future<T> submit(Callable<T> work) {
    long start = free - time.nanos() > 0 ? free : time.nanos();
    free = start + random.nextLong(slowest.toNanos() + 1);
    Promise<T> done = Promise.promise();
    time.schedule(
        Duration.ofNanos(free - time.nanos()),
        () -> {
          try {
            done.complete(work.call());
          } catch (Exception e) {
            done.fail(e);
          }
        });
    return done.future();
  }

  @Override
  public void force(FileChannel channel, boolean metadata) {
    // the simulation's files live on tmpfs; what a crash loses is what never ran
  }

  /** After a crash: the new process's lane starts empty. */
  public void restart() {
    free = time.nanos();
  }
}
