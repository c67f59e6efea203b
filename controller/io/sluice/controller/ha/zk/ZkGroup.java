package io.sluice.controller.ha.zk;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.controller.ha.FencedRecords;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.GroupTime;
import io.sluice.controller.ha.HaSettings;
import io.sluice.controller.ha.Leadership;
import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.SharedDoc;
import io.sluice.controller.ha.VerdictExchange;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica group on ZooKeeper, through Apache Curator (HA-DESIGN.md): this replica's ephemeral
 * {@code /replicas/<name>}, rewritten every {@code publishEvery} (a heartbeat that keeps its lease
 * and samples the group's clock); leadership by a LeaderLatch with an epoch taken on each grant
 * ({@link Election}); fenced records, shared documents and the verdict exchange on their own paths.
 *
 * <p>Blocking ZooKeeper calls run on two small pools of its own (the election's, one thread, and
 * the I/O pool); every future and listener completes on the daemon's context.
 */
public final class ZkGroup implements Group {
  private static final Logger LOG = LoggerFactory.getLogger(ZkGroup.class);
  private static final Duration CLOCK_WINDOW = Duration.ofMinutes(1);
  private static final int RETRY_BASE_MS = 100;
  private static final int RETRY_MAX_MS = 1000;
  private static final int RETRIES = 3;

  private final HaSettings settings;
  private final Context context;
  private final LongSupplier nanos;
  private final ReplicaInfo self;
  private final LongSupplier wallMillis;
  private final CuratorFramework client;
  private final ExecutorService serial;
  private final ScheduledExecutorService pool;
  private final OnContext io;
  private final GroupClock clock;
  private final ZkLeadership leadership;
  private final HaMeters meters;
  private final Election election;
  private final ZkFencedRecords fenced;
  private final ZkVerdictExchange verdicts;
  private final CuratorCache replicas;
  private final Map<String, ZkSharedDoc> docs = new HashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean joined;
  private volatile boolean sessionLost;
  private volatile long repeatTimer = -1;
  private volatile ClockCheck.Judgement clockJudgement =
      new ClockCheck.Judgement(true, Duration.ZERO, List.of());

  /**
   * @param context the daemon's context, where every future and listener completes
   * @param nanos the monotonic clock
   * @param registry where the {@code sluice.ha.*} meters go
   */
  public ZkGroup(HaSettings settings, Context context, LongSupplier nanos, MeterRegistry registry) {
    this(settings, context, nanos, System::currentTimeMillis, registry);
  }

  /** The same with another wall clock (a test's, for a replica whose clock is off). */
  ZkGroup(
      HaSettings settings,
      Context context,
      LongSupplier nanos,
      LongSupplier wallMillis,
      MeterRegistry registry) {
    this.settings = settings;
    this.context = Objects.requireNonNull(context, "context");
    this.nanos = nanos;
    this.wallMillis = wallMillis;
    this.self = new ReplicaInfo(settings.replica(), settings.advertise());
    this.client =
        CuratorFrameworkFactory.builder()
            .connectString(settings.connect())
            .namespace(ZkPaths.namespace(settings.namespace()))
            .sessionTimeoutMs(Math.toIntExact(settings.sessionTimeout().toMillis()))
            .connectionTimeoutMs(Math.toIntExact(settings.connectionTimeout().toMillis()))
            .waitForShutdownTimeoutMs(Math.toIntExact(settings.connectionTimeout().toMillis()))
            .retryPolicy(new BoundedExponentialBackoffRetry(RETRY_BASE_MS, RETRY_MAX_MS, RETRIES))
            // connect exactly where controller.ha.connect says: Curator's ensemble tracker would
            // replace it with the servers' own addresses from /zookeeper/config, which a replica
            // behind a proxy, a load balancer or NAT may not reach (or reach by another path)
            .ensembleTracker(false)
            .build();
    this.serial = Executors.newSingleThreadExecutor(threads("sluice-ha-election-"));
    this.pool = Executors.newScheduledThreadPool(2, threads("sluice-ha-io-"));
    this.io = new OnContext(context, pool);
    this.clock = new GroupClock(CLOCK_WINDOW, nanos.getAsLong(), wallMillis.getAsLong());
    this.leadership = new ZkLeadership(self, context, nanos);
    this.meters = new HaMeters(registry, this, leadership, nanos, () -> clockJudgement);
    this.election = new Election(client, self, leadership, serial, nanos, meters::elected);
    this.fenced =
        new ZkFencedRecords(client, self.name(), leadership, clock, nanos, io, meters::fencedOut);
    this.verdicts = new ZkVerdictExchange(client, self.name(), nanos, io);
    this.replicas = CuratorCache.build(client, ZkPaths.REPLICAS);
  }

  @Override
  public String replica() {
    return self.name();
  }

  @Override
  public Leadership leadership() {
    return leadership;
  }

  @Override
  public FencedRecords fenced() {
    return fenced;
  }

  @Override
  public SharedDoc doc(String name) {
    synchronized (docs) {
      return docs.computeIfAbsent(
          name,
          n -> {
            ZkSharedDoc doc = new ZkSharedDoc(client, n, io);
            if (joined) {
              doc.start(new CacheLoad()); // read soon after: current() is empty until then
            }
            return doc;
          });
    }
  }

  @Override
  public VerdictExchange verdicts() {
    return verdicts;
  }

  @Override
  public GroupTime time() {
    return clock;
  }

  @Override
  public List<ReplicaInfo> replicas() {
    return replicas.stream()
        .filter(node -> node.getPath().startsWith(ZkPaths.REPLICAS + "/"))
        .flatMap(
            node -> {
              try {
                return Stream.of(ZkJson.replicaInfo(node.getData()));
              } catch (RuntimeException unreadable) {
                return Stream.empty();
              }
            })
        .sorted(Comparator.comparing(ReplicaInfo::name))
        .toList();
  }

  @Override
  public boolean connected() {
    return leadership.connected();
  }

  @Override
  public Future<Void> start() {
    if (!started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("the replica group was started once"));
    }
    return io.call(
            () -> {
              join();
              return (Void) null;
            })
        .onSuccess(v -> repeatVerdicts())
        .onFailure(e -> Thread.ofPlatform().name("sluice-ha-close").start(this::close));
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    election.close();
    long timer = repeatTimer;
    if (timer >= 0) {
      context.owner().cancelTimer(timer);
    }
    Thread closing = Thread.ofPlatform().name("sluice-ha-close-" + self.name()).start(this::leave);
    try {
      if (!closing.join(closeBound())) {
        LOG.warn("{} left the group without waiting for ZooKeeper to confirm", self.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes the verdicts again every {@code publishEvery}, on the context, until closed. */
  private void repeatVerdicts() {
    repeatTimer =
        context
            .owner()
            .setPeriodic(
                settings.publishEvery().toMillis(),
                id -> {
                  if (closed.get()) {
                    context.owner().cancelTimer(id); // closed while start completed
                  } else {
                    verdicts.repeat();
                  }
                });
  }

  /** The Curator client, for tests that end its session. */
  CuratorFramework curator() {
    return client;
  }

  private Duration closeBound() {
    return settings.connectionTimeout().multipliedBy(2).plusSeconds(1);
  }

  /** Connects, registers and runs for leadership; blocking, on the I/O pool. */
  private void join() throws Exception {
    client.getConnectionStateListenable().addListener((c, state) -> stateChanged(state));
    client.start();
    if (!client.blockUntilConnected(
        Math.toIntExact(settings.connectionTimeout().toMillis()), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "could not connect to ZooKeeper at "
              + settings.connect()
              + " within "
              + settings.connectionTimeout().toMillis()
              + " ms");
    }
    // now, not when the listener hears CONNECTED: a grant before then would not lead
    leadership.connected(sessionTimeout());
    for (String path :
        List.of(ZkPaths.EPOCH, ZkPaths.EPOCHS, ZkPaths.REPLICAS, ZkPaths.VERDICTS, ZkPaths.DOCS)) {
      createIfAbsent(path);
    }
    register();
    CacheLoad load = new CacheLoad();
    load.start(replicas);
    verdicts.start(load);
    synchronized (docs) {
      joined = true;
      docs.values().forEach(doc -> doc.start(load));
    }
    if (!load.await(settings.connectionTimeout())) {
      LOG.warn("{} started before it had read the replicas and documents", self.name());
    }
    election.run();
    long every = settings.publishEvery().toNanos();
    pool.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.NANOSECONDS);
    LOG.info(
        "{} joined the replica group {} at {}",
        self.name(),
        settings.namespace(),
        settings.connect());
  }

  /**
   * Creates this replica's ephemeral node. A node of that name may still be the session of this
   * replica's previous process, which ends within a session timeout: it waits that long for the
   * node to go, and fails when it stays (another live replica has the name).
   */
  private void register() throws Exception {
    String path = ZkPaths.replica(self.name());
    long deadline =
        nanos.getAsLong() + sessionTimeout().toNanos() + settings.connectionTimeout().toNanos();
    while (true) {
      try {
        createOwnNode(path);
        return;
      } catch (KeeperException.NodeExistsException taken) {
        CountDownLatch gone = new CountDownLatch(1);
        Stat other =
            client
                .checkExists()
                .usingWatcher((CuratorWatcher) event -> gone.countDown())
                .forPath(path);
        long left = deadline - nanos.getAsLong();
        if (other != null && (left <= 0 || !gone.await(left, TimeUnit.NANOSECONDS))) {
          throw new IllegalStateException(
              "the replica name '"
                  + self.name()
                  + "' is taken by another live replica of the group "
                  + settings.namespace()
                  + " at "
                  + settings.connect()
                  + " (session 0x"
                  + Long.toHexString(other.getEphemeralOwner())
                  + "): give each replica its own controller.ha.replica");
        }
      }
    }
  }

  private void createOwnNode(String path) throws Exception {
    Stat stat = new Stat();
    long sent = nanos.getAsLong();
    client
        .create()
        .storingStatIn(stat)
        .withMode(CreateMode.EPHEMERAL)
        .forPath(path, ZkJson.heartbeat(self, wallMillis.getAsLong()));
    confirmed(sent, stat);
  }

  /** Rewrites this replica's node: the lease's and the group clock's sample. */
  private void heartbeat() {
    if (closed.get()) {
      return;
    }
    String path = ZkPaths.replica(self.name());
    try {
      long sent = nanos.getAsLong();
      confirmed(
          sent, client.setData().forPath(path, ZkJson.heartbeat(self, wallMillis.getAsLong())));
    } catch (KeeperException.NoNodeException gone) { // a new session: register again
      try {
        createOwnNode(path);
      } catch (Exception e) {
        LOG.error("{} could not register again: {}", self.name(), e.toString());
      }
    } catch (Exception e) {
      LOG.debug("{} heartbeat failed: {}", self.name(), e.toString());
    }
    leadership.seen(election.readLeader());
    readEpoch();
    judgeClock();
  }

  /**
   * Steps out of the election while the group outvotes this replica's wall clock, and back in once
   * it agrees again: a leader whose clock is off signs cloud calls that fail (reliability.md, fault
   * 8), while another replica could make them.
   */
  private void judgeClock() {
    ClockCheck.Judgement was = clockJudgement;
    Map<String, Long> offsets = offsets();
    ClockCheck.Judgement now = new ClockCheck(ClockCheck.BOUND).judge(self.name(), offsets);
    clockJudgement = now;
    if (was.inStep() && !now.inStep()) {
      LOG.error(
          "{}'s wall clock is {} s from the group's (its offset from ZooKeeper's against the median"
              + " of {} replicas; {} disagree by more than {} s): it gives up leadership and stays"
              + " out of the election until its clock agrees, since the cloud refuses signatures"
              + " more than 5 minutes off; fix its time (NTP)",
          self.name(),
          now.skew().toSeconds(),
          offsets.size(),
          now.disagreeing(),
          ClockCheck.BOUND.toSeconds());
      election.bench("its wall clock is " + now.skew().toSeconds() + " s from the group's");
    } else if (!was.inStep() && now.inStep()) {
      LOG.info(
          "{}'s wall clock agrees with the group's again ({} ms off): it runs for leadership again",
          self.name(),
          now.skew().toMillis());
      election.unbench();
    }
  }

  /** The newest epoch granted in the group (/epoch's version), for a follower to show. */
  private void readEpoch() {
    try {
      Stat epoch = client.checkExists().forPath(ZkPaths.EPOCH);
      if (epoch != null) {
        leadership.seenEpoch(epoch.getVersion());
      }
    } catch (Exception e) {
      LOG.debug("{} could not read the epoch: {}", self.name(), e.toString());
    }
  }

  /** Each live replica's wall clock minus ZooKeeper's, from its last heartbeat. */
  private Map<String, Long> offsets() {
    Map<String, Long> offsets = new HashMap<>();
    replicas.stream()
        .filter(node -> node.getPath().startsWith(ZkPaths.REPLICAS + "/") && node.getStat() != null)
        .forEach(
            node -> {
              try {
                ZkJson.heartbeatWallMillis(node.getData())
                    .ifPresent(
                        wall ->
                            offsets.put(
                                ZkJson.replicaInfo(node.getData()).name(),
                                wall - node.getStat().getMtime()));
              } catch (RuntimeException unreadable) {
                // not a heartbeat this version wrote: its clock is not judged
              }
            });
    return offsets;
  }

  private void confirmed(long sent, Stat stat) {
    long received = nanos.getAsLong();
    leadership.confirmed(sent);
    clock.sample(sent, received, stat.getMtime());
  }

  private void stateChanged(ConnectionState state) {
    if (closed.get()) {
      return; // the election is closed, and the pools with it
    }
    switch (state) {
      case CONNECTED, RECONNECTED -> {
        leadership.connected(sessionTimeout());
        if (sessionLost) {
          sessionLost = false;
          LOG.info("{} has a new ZooKeeper session: registers and runs again", self.name());
          try {
            pool.execute(this::heartbeat);
          } catch (RejectedExecutionException closing) {
            return;
          }
          election.run();
        }
      }
      case SUSPENDED, READ_ONLY -> leadership.suspended();
      case LOST -> {
        sessionLost = true;
        leadership.lost();
        election.lost();
      }
    }
  }

  /** The session timeout the ensemble granted (it may bound the one asked for). */
  private Duration sessionTimeout() {
    try {
      return Duration.ofMillis(client.getZookeeperClient().getZooKeeper().getSessionTimeout());
    } catch (Exception e) {
      return settings.sessionTimeout();
    }
  }

  private void createIfAbsent(String path) throws Exception {
    try {
      client.create().creatingParentsIfNeeded().forPath(path);
    } catch (KeeperException.NodeExistsException already) {
      // made by another replica, or an earlier run
    }
  }

  /** Leaves: the latch, the caches and the session (which takes the ephemeral nodes with it). */
  private void leave() {
    serial.shutdown();
    try {
      serial.awaitTermination(settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.shutdownNow();
    synchronized (docs) {
      docs.values().forEach(ZkSharedDoc::close);
    }
    verdicts.close();
    replicas.close();
    client.close();
    LOG.info("{} left the replica group {}", self.name(), settings.namespace());
  }

  private static ThreadFactory threads(String prefix) {
    return Thread.ofPlatform().daemon().name(prefix, 0).factory();
  }
}
