package io.sluice.controller.journal;

import io.sluice.controller.disk.DiskLane;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Where the journal's file work runs. The daemon's lane is its {@link DiskLane}, one ordered worker
 * off the deciding context, so an fsync never holds up probes, decisions or {@code /metrics}; its
 * results come back on the caller's context. Work runs strictly in submission order, which is what
 * makes "the step is durable before its write" hold when the write is started in the callback.
 */
public interface JournalLane {

  /** Runs {@code work} after everything submitted before it; its result or failure completes it. */
  <T> Future<T> submit(Callable<T> work);

  /** Forces {@code channel} to the device; call it in lane work only. */
  void force(FileChannel channel, boolean metadata) throws IOException;

  /** The daemon's disk lane, where tests can also slow or fail the fsyncs. */
  static JournalLane on(DiskLane lane) {
    Objects.requireNonNull(lane, "lane");
    return new JournalLane() {
      @Override
      public <T> Future<T> submit(Callable<T> work) {
        return lane.submit(
            () -> {
              try {
                return work.call();
              } catch (IOException | RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new IOException(e);
              }
            });
      }

      @Override
      public void force(FileChannel channel, boolean metadata) throws IOException {
        lane.force(channel, metadata);
      }
    };
  }

  /**
   * Runs the work at once on the calling thread: for tests, simulations and tools with no context
   * to spare.
   */
  JournalLane IN_PLACE =
      new JournalLane() {
        @Override
        public <T> Future<T> submit(Callable<T> work) {
          try {
            return Future.succeededFuture(work.call());
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
        }

        @Override
        public void force(FileChannel channel, boolean metadata) throws IOException {
          channel.force(metadata);
        }
      };
}
