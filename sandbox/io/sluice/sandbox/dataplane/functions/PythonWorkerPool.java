package io.sluice.sandbox.dataplane.functions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The warm workers of one function: started on first use (a real cold start), reused afterwards, at
 * most {@code cap} of them, each lent to one invocation at a time. Blocking; runs off the event
 * loop.
 */
final class PythonWorkerPool {

  private final String python;
  private final Path bootstrap;
  private final FunctionCode.Python code;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<PythonWorker> idle = new ConcurrentLinkedDeque<>();
  private final Set<PythonWorker> all = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  PythonWorkerPool(String python, Path bootstrap, FunctionCode.Python code, int cap) {
    this.python = python;
    this.bootstrap = bootstrap;
    this.code = code;
    this.permits = new Semaphore(cap);
  }

  /** A worker lent to one invocation, and whether it was started for it. */
  record Lease(PythonWorker worker, boolean coldStart) {}

  /**
   * Waits for a free worker or starts one.
   *
   * @param started told about a new worker before it is ready, so a timeout can kill it
   */
  Lease acquire(long timeoutMillis, Consumer<PythonWorker> started)
      throws IOException, InterruptedException {
    if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new IOException("no worker free within the timeout");
    }
    PythonWorker warm = idle.pollFirst();
    if (warm != null) {
      started.accept(warm);
      return new Lease(warm, false);
    }
    PythonWorker fresh = null;
    try {
      fresh = PythonWorker.spawn(python, bootstrap, code);
      all.add(fresh);
      started.accept(fresh);
      if (closed) {
        fresh.kill();
      }
      fresh.awaitReady();
      return new Lease(fresh, true);
    } catch (IOException | RuntimeException e) {
      if (fresh != null) {
        retire(fresh);
      }
      permits.release();
      throw e;
    }
  }

  /** Returns a worker that finished normally. */
  void release(PythonWorker worker) {
    if (closed) {
      retire(worker);
      return;
    }
    idle.addFirst(worker);
    permits.release();
  }

  /** Kills a worker that timed out, died or failed to start. */
  void discard(PythonWorker worker) {
    worker.kill();
    all.remove(worker);
    permits.release();
  }

  private void retire(PythonWorker worker) {
    worker.kill();
    all.remove(worker);
  }

  /** Stops every worker, idle or busy. */
  void close(java.time.Duration grace) {
    closed = true;
    for (PythonWorker worker : all) {
      if (idle.remove(worker)) {
        worker.close(grace);
      } else {
        worker.kill();
      }
    }
    all.clear();
  }
}
