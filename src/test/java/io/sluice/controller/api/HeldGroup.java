package io.sluice.controller.api;

import io.sluice.controller.ha.FencedRecords;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.GroupTime;
import io.sluice.controller.ha.Leadership;
import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.SharedDoc;
import io.sluice.controller.ha.VerdictExchange;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A replica whose next shared-document write the test holds on its way to the group until it {@link
 * #release}s it, so that another replica's write can come first: two replicas' changes at once,
 * made deterministic. Or whose next write lands without an answer ({@link #loseNextAnswer}).
 */
final class HeldGroup implements Group {
  private final Group group;
  private boolean holdNext;
  private Runnable held;

  private Runnable beforeEachReplace = () -> {};
  private volatile boolean loseNextAnswer;
  private boolean deaf;

  /** Writes of the shared documents that reached the group. */
  int replaces;

  /** Has {@code interloper} (another replica's change) come first before every write. */
  void interloper(Runnable interloper) {
    this.beforeEachReplace = interloper;
  }

  HeldGroup(Group group) {
    this.group = group;
  }

  void holdNextReplace() {
    holdNext = true;
  }

  /**
   * The next write of a shared document lands in the group, but its answer is lost (the connection
   * dropped mid-write) and this replica's watch does not hear of it: its outcome is unknown here.
   */
  void loseNextAnswer() {
    loseNextAnswer = true;
  }

  void release() {
    Runnable go = held;
    held = null;
    go.run();
  }

  @Override
  public SharedDoc doc(String name) {
    SharedDoc doc = group.doc(name);
    return new SharedDoc() {
      @Override
      public Optional<Versioned> current() {
        return doc.current();
      }

      @Override
      public Future<Versioned> replace(byte[] data, int expected) {
        if (loseNextAnswer) {
          loseNextAnswer = false;
          replaces++;
          deaf = true;
          doc.replace(data, expected);
          deaf = false;
          return Future.failedFuture(new IllegalStateException("KeeperErrorCode = ConnectionLoss"));
        }
        if (!holdNext) {
          beforeEachReplace.run();
          replaces++;
          return doc.replace(data, expected);
        }
        holdNext = false;
        Promise<Versioned> later = Promise.promise();
        held =
            () -> {
              replaces++;
              doc.replace(data, expected).onComplete(later);
            };
        return later.future();
      }

      @Override
      public Future<Optional<Versioned>> read() {
        return doc.read();
      }

      @Override
      public void watch(Consumer<Optional<Versioned>> listener) {
        doc.watch(
            changed -> {
              if (!deaf) {
                listener.accept(changed);
              }
            });
      }
    };
  }

  @Override
  public String replica() {
    return group.replica();
  }

  @Override
  public Leadership leadership() {
    return group.leadership();
  }

  @Override
  public FencedRecords fenced() {
    return group.fenced();
  }

  @Override
  public VerdictExchange verdicts() {
    return group.verdicts();
  }

  @Override
  public GroupTime time() {
    return group.time();
  }

  @Override
  public List<ReplicaInfo> replicas() {
    return group.replicas();
  }

  @Override
  public Future<Void> start() {
    return group.start();
  }

  @Override
  public void close() {
    group.close();
  }
}
