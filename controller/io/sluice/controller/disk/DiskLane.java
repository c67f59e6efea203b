package io.sluice.controller.disk;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ordered worker that does the daemon's blocking file work: appends forced to disk,
 * rotations, compactions and rewrites of the state files. The daemon's deciding context (probe
 * results, decisions, {@code /readyz}, {@code /metrics}) submits the work and continues in the
 * callback, so a slow or stuck disk delays only what waits for that file, never a probe result or a
 * scrape.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>Work runs on one thread, strictly in the order it was submitted (from any thread). A file
 *       written only in lane work is therefore touched by one thread at a time, in order, and needs
 *       no lock.
 *   <li>The future completes on the context of the thread that submitted the work (a Vert.x
 *       request's context included), so its callbacks may touch what that context owns, and the
 *       callbacks of one context run in submission order. Submitted from outside Vert.x, it
 *       completes on the lane's thread.
 *   <li>Force a file with {@link #force}, never {@link FileChannel#force} directly: that is where a
 *       test slows or fails the disk ({@link Fsync}).
 *   <li>Work that fails (an {@link IOException} or anything else) fails its own future only; later
 *       work still runs.
 *   <li>{@link #close} runs what was submitted before it (for a bounded time), then refuses more.
 * </ul>
 *
 * <p>How a caller keeps "durable before it acts", such as an intent journaled before a cloud write:
 *
 * <pre>{@code
 * byte[] line = encode(entry);                       // on the context: no shared state on the lane
 * lane.submit(() -> {
 *       channel.write(ByteBuffer.wrap(line));
 *       lane.force(channel, false);
 *       return null;
 *     })
 *     .onSuccess(durable -> writeToTheCloud())      // back on the context, after the fsync
 *     .onFailure(e -> holdAndRetryLater(e));
 * }</pre>
 */
public final class DiskLane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiskLane.class);
  public static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);
  static final String THREAD_NAME = "sluice-disk";

  private final Fsync fsync;
  private final ExecutorService worker;

  private DiskLane(Fsync fsync) {
    this.fsync = Objects.requireNonNull(fsync, "fsync");
    this.worker =
        Executors.newSingleThreadExecutor(
            work -> {
              Thread thread = new Thread(work, THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A lane forcing files through {@code fsync} ({@link Fsync#DEVICE} outside tests). */
  public static DiskLane start(Fsync fsync) {
    return new DiskLane(fsync);
  }

  /**
   * Queues {@code work} behind everything submitted before it.
   *
   * @return its result, completed on the submitting thread's Vert.x context
   */
  public <T> Future<T> submit(DiskWork<T> work) {
    Objects.requireNonNull(work, "work");
    Context caller = Vertx.currentContext();
    Promise<T> done = Promise.promise();
    try {
      worker.execute(
          () -> {
            T result;
            try {
              result = work.run();
            } catch (Throwable failure) {
              deliver(caller, () -> done.fail(failure));
              return;
            }
            deliver(caller, () -> done.complete(result));
          });
    } catch (RejectedExecutionException closed) {
      done.fail(new IOException("the disk lane is closed; nothing more is written"));
    }
    return done.future();
  }

  private static void deliver(Context caller, Runnable completion) {
    if (caller == null) {
      completion.run();
    } else {
      caller.runOnContext(v -> completion.run());
    }
  }

  /**
   * Runs {@code work} in its turn and waits for it, at most {@link #CLOSE_DEADLINE}: for opening
   * and closing files outside the daemon's contexts, never on a Vert.x thread.
   */
  public <T> T await(DiskWork<T> work) throws IOException {
    if (Context.isOnVertxThread()) {
      throw new IllegalStateException("waiting for the disk on a Vert.x thread would stall it");
    }
    try {
      return submit(work)
          .toCompletionStage()
          .toCompletableFuture()
          .get(CLOSE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the disk did not answer within " + CLOSE_DEADLINE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the disk", e);
    }
  }

  /** Forces {@code channel}'s written bytes to the device; call it in lane work only. */
  public void force(FileChannel channel, boolean metadata) throws IOException {
    fsync.force(channel, metadata);
  }

  /** Runs the work already submitted, for at most {@link #CLOSE_DEADLINE}; refuses new work. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(CLOSE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "the disk lane did not finish its work within {}; the rest is abandoned",
            CLOSE_DEADLINE);
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.shutdownNow();
    }
  }
}
