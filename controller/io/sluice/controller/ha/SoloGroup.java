package io.sluice.controller.ha;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The group of one a daemon without {@code controller.ha} runs in: it always acts ({@link
 * Role#SOLO}), fences nothing (its local intent journal and state directory lock do that job),
 * hears no other vantage point, and keeps shared documents in memory only. The single-process
 * daemon behaves exactly as before HA.
 */
public final class SoloGroup implements Group {
  private final String replica;
  private final LongSupplier nanos;
  private final Clock wall;
  private final Map<String, MemoryDoc> docs = new ConcurrentHashMap<>();

  /**
   * @param nanos the monotonic clock
   * @param wall the wall clock, which is the group's clock for a group of one
   */
  public SoloGroup(String replica, LongSupplier nanos, Clock wall) {
    this.replica = replica;
    this.nanos = nanos;
    this.wall = wall;
  }

  @Override
  public String replica() {
    return replica;
  }

  @Override
  public Leadership leadership() {
    return new Leadership() {
      @Override
      public Role role() {
        return Role.SOLO;
      }

      @Override
      public long epoch() {
        return 0;
      }

      @Override
      public Duration actFor(long nowNanos) {
        return FOREVER;
      }

      @Override
      public Optional<ReplicaInfo> leader() {
        return Optional.empty();
      }

      @Override
      public void onRoleChange(Consumer<Role> listener) {
        // a group of one never changes role
      }
    };
  }

  @Override
  public FencedRecords fenced() {
    return new FencedRecords() {
      @Override
      public Future<Void> put(String key, long epoch, byte[] data) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Optional<Fenced>> get(String key) {
        return Future.succeededFuture(Optional.empty());
      }
    };
  }

  @Override
  public SharedDoc doc(String name) {
    return docs.computeIfAbsent(name, MemoryDoc::new);
  }

  @Override
  public VerdictExchange verdicts() {
    return new VerdictExchange() {
      @Override
      public void publish(Report report) {
        // nobody else to tell
      }

      @Override
      public void onReport(Consumer<Received> listener) {
        // nobody else reports
      }
    };
  }

  @Override
  public GroupTime time() {
    return new GroupTime() {
      @Override
      public long groupMillis(long at) {
        return wall.millis() + Duration.ofNanos(at - nanos.getAsLong()).toMillis();
      }

      @Override
      public long localNanos(long groupMillis) {
        return nanos.getAsLong() + Duration.ofMillis(groupMillis - wall.millis()).toNanos();
      }
    };
  }

  @Override
  public List<ReplicaInfo> replicas() {
    return List.of();
  }

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }

  @Override
  public void close() {}

  /** A shared document that only this process shares. */
  private static final class MemoryDoc implements SharedDoc {
    private final String name;
    private Optional<Versioned> current = Optional.empty();
    private final List<Consumer<Optional<Versioned>>> listeners = new CopyOnWriteArrayList<>();

    MemoryDoc(String name) {
      this.name = name;
    }

    @Override
    public synchronized Optional<Versioned> current() {
      return current;
    }

    @Override
    public Future<Versioned> replace(byte[] data, int expected) {
      Versioned next;
      synchronized (this) {
        int version = current.map(Versioned::version).orElse(Versioned.NONE);
        if (version != expected) {
          return Future.failedFuture(new Conflict(name, expected));
        }
        next = new Versioned(version + 1, data.clone());
        current = Optional.of(next);
      }
      listeners.forEach(l -> l.accept(Optional.of(next)));
      return Future.succeededFuture(next);
    }

    @Override
    public void watch(Consumer<Optional<Versioned>> listener) {
      listeners.add(listener);
    }
  }
}
