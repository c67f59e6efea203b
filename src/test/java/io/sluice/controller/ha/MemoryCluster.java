package io.sluice.controller.ha;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A replica group in memory, for tests of what runs on top of {@link Group}: the test decides who
 * leads ({@link #elect}), cuts a replica off ({@link #suspend}) or ends its session ({@link
 * #expire}), and every replica's callbacks run at once on the caller's thread. Fencing follows the
 * real rules: a fenced write succeeds only for the replica leading in the newest epoch, connected;
 * a replica that loses leadership hears FOLLOWING before anything else happens.
 *
 * <p>The group's clock is the test's monotonic clock in milliseconds, plus a fixed base; each
 * replica may have its own monotonic origin ({@link #join(String, long)}), so that carrying timers
 * between replicas is tested across clocks that disagree.
 */
public final class MemoryCluster {
  /** The group clock's reading at the test clock's 0. */
  public static final long BASE_MILLIS = 1_700_000_000_000L;

  private final LongSupplier nanos;
  private final Map<String, Replica> replicas = new LinkedHashMap<>();
  private final Map<String, Record> fenced = new HashMap<>();
  private final Map<String, Doc> docs = new HashMap<>();
  private Duration lease = Duration.ofSeconds(8);
  private long epoch;
  private Replica leader;

  /**
   * @param nanos the test's monotonic clock, which the group's clock follows
   */
  public MemoryCluster(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /**
   * How long a leader may act after its last confirmation (at {@link #elect} or {@link #confirm}).
   */
  public MemoryCluster lease(Duration lease) {
    this.lease = lease;
    return this;
  }

  /** A replica whose monotonic clock reads as the test's. */
  public Group join(String name) {
    return join(name, 0);
  }

  /** A replica whose monotonic clock reads {@code offsetNanos} ahead of the test's. */
  public Group join(String name, long offsetNanos) {
    if (replicas.containsKey(name) && replicas.get(name).live) {
      throw new IllegalArgumentException("replica " + name + " has already joined");
    }
    Replica replica = new Replica(name, offsetNanos);
    replicas.put(name, replica);
    return replica;
  }

  /** The newest epoch granted. */
  public long epoch() {
    return epoch;
  }

  /** Grants leadership to {@code name} in a new epoch (the old leader hears FOLLOWING first). */
  public void elect(String name) {
    Replica next = live(name);
    if (leader != null && leader != next) {
      Replica old = leader;
      leader = null;
      old.become(Role.FOLLOWING);
    }
    epoch++;
    leader = next;
    next.epoch = epoch;
    next.connected = true;
    next.confirmedAt = nanos.getAsLong();
    next.become(Role.LEADING);
  }

  /** The leader's session is confirmed now: its lease runs again from here. */
  public void confirm(String name) {
    live(name).confirmedAt = nanos.getAsLong();
  }

  /** The replica's connection is SUSPENDED: it stops acting at once, and leads no more. */
  public void suspend(String name) {
    Replica replica = live(name);
    replica.connected = false;
    if (leader == replica) {
      leader = null;
      replica.become(Role.FOLLOWING);
    }
  }

  /** The replica is connected again (as a follower: leadership needs a new {@link #elect}). */
  public void reconnect(String name) {
    live(name).connected = true;
  }

  /** The replica's session ends: it leaves the group, and the others hear it left. */
  public void expire(String name) {
    Replica replica = live(name);
    suspend(name);
    replica.live = false;
    for (Replica other : replicas.values()) {
      if (other != replica && other.live) {
        other.deliver(
            new VerdictExchange.Received(
                new VerdictExchange.Report(name, Long.MAX_VALUE, Map.of()), other.localNanos()));
      }
    }
  }

  /** What the fenced record {@code key} holds now. */
  public Optional<FencedRecords.Fenced> fencedRecord(String key) {
    Record record = fenced.get(key);
    return record == null
        ? Optional.empty()
        : Optional.of(
            new FencedRecords.Fenced(
                record.epoch, record.replica, record.groupMillis, record.data));
  }

  private Replica live(String name) {
    Replica replica = replicas.get(name);
    if (replica == null || !replica.live) {
      throw new IllegalArgumentException("no live replica " + name);
    }
    return replica;
  }

  private long groupMillis() {
    return BASE_MILLIS + Duration.ofNanos(nanos.getAsLong()).toMillis();
  }

  private record Record(long epoch, String replica, long groupMillis, byte[] data) {}

  private final class Doc {
    final String name;
    SharedDoc.Versioned current;
    final List<Consumer<Optional<SharedDoc.Versioned>>> listeners = new CopyOnWriteArrayList<>();

    Doc(String name) {
      this.name = name;
    }
  }

  private final class Replica implements Group, Leadership, FencedRecords, VerdictExchange {
    private final String name;
    private final long offsetNanos;
    private final List<Consumer<Role>> roleListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Received>> reportListeners = new CopyOnWriteArrayList<>();
    private Role role = Role.FOLLOWING;
    private long epoch;
    private long confirmedAt;
    private boolean connected = true;
    private boolean live = true;

    Replica(String name, long offsetNanos) {
      this.name = name;
      this.offsetNanos = offsetNanos;
    }

    long localNanos() {
      return nanos.getAsLong() + offsetNanos;
    }

    void become(Role next) {
      role = next;
      if (next != Role.LEADING) {
        epoch = 0;
      }
      roleListeners.forEach(l -> l.accept(next));
    }

    void deliver(Received received) {
      reportListeners.forEach(l -> l.accept(received));
    }

    @Override
    public String replica() {
      return name;
    }

    @Override
    public Leadership leadership() {
      return this;
    }

    @Override
    public FencedRecords fenced() {
      return this;
    }

    @Override
    public SharedDoc doc(String docName) {
      Doc doc = docs.computeIfAbsent(docName, Doc::new);
      return new SharedDoc() {
        @Override
        public Optional<Versioned> current() {
          return Optional.ofNullable(doc.current);
        }

        @Override
        public Future<Versioned> replace(byte[] data, int expected) {
          if (!connected || !live) {
            return Future.failedFuture(new IllegalStateException(name + " is not connected"));
          }
          int version = doc.current == null ? Versioned.NONE : doc.current.version();
          if (version != expected) {
            return Future.failedFuture(new Conflict(doc.name, expected));
          }
          doc.current = new Versioned(version + 1, data.clone());
          Optional<Versioned> now = Optional.of(doc.current);
          doc.listeners.forEach(l -> l.accept(now));
          return Future.succeededFuture(doc.current);
        }

        @Override
        public void watch(Consumer<Optional<Versioned>> listener) {
          doc.listeners.add(listener);
        }
      };
    }

    @Override
    public VerdictExchange verdicts() {
      return this;
    }

    @Override
    public GroupTime time() {
      return new GroupTime() {
        @Override
        public long groupMillis(long at) {
          return BASE_MILLIS + Duration.ofNanos(at - offsetNanos).toMillis();
        }

        @Override
        public long localNanos(long groupMillis) {
          return Duration.ofMillis(groupMillis - BASE_MILLIS).toNanos() + offsetNanos;
        }
      };
    }

    @Override
    public List<ReplicaInfo> replicas() {
      List<ReplicaInfo> seen = new ArrayList<>();
      replicas.values().stream()
          .filter(r -> r.live)
          .forEach(r -> seen.add(new ReplicaInfo(r.name, "http://" + r.name + ":7070")));
      return seen;
    }

    @Override
    public Future<Void> start() {
      return Future.succeededFuture();
    }

    @Override
    public void close() {
      if (live) {
        expire(name);
      }
    }

    // Leadership

    @Override
    public Role role() {
      return role;
    }

    @Override
    public long epoch() {
      return epoch;
    }

    @Override
    public long groupEpoch() {
      return MemoryCluster.this.epoch;
    }

    @Override
    public Duration actFor(long nowNanos) {
      if (role != Role.LEADING || !connected) {
        return Duration.ZERO;
      }
      long left = confirmedAt + offsetNanos + lease.toNanos() - nowNanos;
      return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    @Override
    public Optional<ReplicaInfo> leader() {
      return leader == null
          ? Optional.empty()
          : Optional.of(new ReplicaInfo(leader.name, "http://" + leader.name + ":7070"));
    }

    @Override
    public void onRoleChange(Consumer<Role> listener) {
      roleListeners.add(listener);
    }

    // FencedRecords

    @Override
    public Future<Void> put(String key, long inEpoch, byte[] data) {
      if (leader != this || !connected || !live || inEpoch != MemoryCluster.this.epoch) {
        return Future.failedFuture(
            new FencedOut(
                inEpoch, name + " does not lead in the newest epoch " + MemoryCluster.this.epoch));
      }
      if (actFor(localNanos()).isZero()) {
        // as ZkFencedRecords: no put, and so no cloud write, without a lease to make it in
        return Future.failedFuture(
            new FencedOut(
                inEpoch, name + " is LEADING in epoch " + inEpoch + " with no lease left"));
      }
      fenced.put(key, new Record(inEpoch, name, groupMillis(), data.clone()));
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Fenced>> get(String key) {
      return Future.succeededFuture(fencedRecord(key));
    }

    // VerdictExchange

    @Override
    public void publish(Report report) {
      for (Replica other : replicas.values()) {
        if (other != this && other.live) {
          other.deliver(new Received(report, other.localNanos()));
        }
      }
    }

    @Override
    public void onReport(Consumer<Received> listener) {
      reportListeners.add(listener);
    }
  }
}
