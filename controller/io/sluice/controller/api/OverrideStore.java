package io.sluice.controller.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.controller.disk.DiskLane;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.GroupTime;
import io.sluice.controller.ha.Leadership;
import io.sluice.controller.ha.Role;
import io.sluice.controller.ha.SharedDoc;
import io.sluice.policies.Overrides;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator overrides in force and the resume generations, per service, persisted in {@code
 * overrides.json} in the state directory so that a restart keeps them. The file holds wall-clock
 * expiry; on load and on each set it is converted once to the monotonic clock, on which the policy
 * compares it, so a wall-clock jump neither ends an override early nor stretches it.
 *
 * <p>A change is written on the state directory's {@link DiskLane} (to a temporary file, forced,
 * renamed over the old one), then confirmed by the caller (its audit entry written), and only then
 * in force: what the policy reads is always on disk and audited, and nothing moves traffic on a
 * change the API may still refuse. When the file cannot be written nothing changes; when the
 * confirmation fails the file is written back as it was. Changes run one after another, each on the
 * state the one before left, so two requests in flight cannot write over each other.
 *
 * <p>In a replica group ({@link #shared}) the overrides live in the group's {@code overrides}
 * {@link SharedDoc} instead, so that any replica's API changes them for the whole group and they
 * outlive any one replica: a change is a compare-and-set on the document (planned again on the
 * newer document and retried, a bounded number of times, when another replica changed it first),
 * then confirmed (audited); a refused confirmation is taken back by another compare-and-set. Every
 * replica's view follows the document's watch. Times in the document are on the group's clock
 * ({@link GroupTime}), converted to this replica's monotonic clock each time they are read, so a
 * replica whose wall clock is off or jumps ends an override at the same moment as the others. A
 * change is in the shared document before it is answered, so a leader change cannot lose it; but
 * unlike the file, it is in force on the leader from the moment it is in the document, before its
 * audit entry is written. A document this replica cannot read is logged at ERROR naming the field;
 * the last view it could read stays in force, and changes are refused until it is readable again
 * (writing over a document it does not understand would lose what it holds). A change the group did
 * not answer fails with {@link OutcomeUnknown}, carrying what it planned so that the caller can
 * audit it, and the view is read back from the group at once (and again whenever a change
 * conflicts), so that it shows what landed without waiting for the watch. Expired overrides are
 * removed from the document (and audited) by the acting replica only.
 *
 * <p>All calls on the daemon's context (a test without Vert.x may call from one thread); the state
 * the policy reads is an immutable snapshot, replaced whole.
 */
public final class OverrideStore {
  private static final Logger LOG = LoggerFactory.getLogger(OverrideStore.class);
  public static final String FILE_NAME = "overrides.json";

  /** How many times a shared change is planned again after another replica's came first. */
  static final int SHARED_TRIES = 8;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private final Path file;
  private final LongSupplier nanos;
  private final Clock wall;
  private final DiskLane lane;
  private final Shared shared; // null when solo
  private volatile State state = State.EMPTY;
  private Future<Void> changing = Future.succeededFuture();
  private boolean expiring;

  /**
   * The group's side of a shared store: the document, the group's clock, who acts, and the view's
   * version (and why a newer one could not be read).
   */
  private static final class Shared {
    final SharedDoc doc;
    final GroupTime time;
    final Leadership leadership;
    int version = SharedDoc.Versioned.NONE;
    Optional<String> unreadable = Optional.empty();

    Shared(Group group) {
      this.doc = group.doc(OverridesDoc.NAME);
      this.time = group.time();
      this.leadership = group.leadership();
    }
  }

  private record Active(OverrideRecord record, long expiresAtNanos) {}

  /** What is in force: overrides and resume generations by service. */
  private record State(Map<String, Active> active, Map<String, Long> resumes) {
    static final State EMPTY = new State(Map.of(), Map.of());

    State {
      active = Collections.unmodifiableMap(new TreeMap<>(active));
      resumes = Collections.unmodifiableMap(new TreeMap<>(resumes));
    }

    State with(String service, Active a) {
      Map<String, Active> next = new TreeMap<>(active);
      next.put(service, a);
      return new State(next, resumes);
    }

    State without(List<String> services) {
      Map<String, Active> next = new TreeMap<>(active);
      services.forEach(next::remove);
      return new State(next, resumes);
    }

    State resumed(String service, long generation) {
      Map<String, Long> next = new TreeMap<>(resumes);
      next.put(service, generation);
      return new State(active, next);
    }

    Saved saved() {
      return new Saved(active.values().stream().map(Active::record).toList(), resumes);
    }
  }

  /** What the file holds. */
  record Saved(List<OverrideRecord> overrides, Map<String, Long> resumeGenerations) {}

  /**
   * A planned change: the state after it (none when nothing changes, so nothing is written or
   * confirmed), and what the caller learns.
   */
  private record Plan<T>(Optional<State> after, T result) {
    static <T> Plan<T> to(State after, T result) {
      return new Plan<>(Optional.of(after), result);
    }

    static <T> Plan<T> none(T result) {
      return new Plan<>(Optional.empty(), result);
    }
  }

  /** The overrides that ran out, and why the file may still list them. */
  public record Expiry(List<OverrideRecord> ended, Optional<Throwable> notSaved) {
    static final Expiry NONE = new Expiry(List.of(), Optional.empty());
  }

  private OverrideStore(Path file, LongSupplier nanos, Clock wall, DiskLane lane, Group group) {
    this.file = file;
    this.nanos = nanos;
    this.wall = wall;
    this.lane = lane;
    this.shared = group == null ? null : new Shared(group);
  }

  /**
   * The store for {@code group}: the local file in {@code stateDir} when solo ({@link Role#SOLO},
   * exactly {@link #open(Path, LongSupplier, Clock, DiskLane)}), the group's shared document
   * otherwise ({@link #shared}). In a group, overrides a run outside the group left in the local
   * file are not in force, and a WARN says so (naming them) rather than dropping them silently.
   */
  public static OverrideStore open(
      Path stateDir, LongSupplier nanos, Clock wall, DiskLane lane, Group group)
      throws IOException {
    if (group.leadership().role() == Role.SOLO) {
      return open(stateDir, nanos, wall, lane);
    }
    warnOfLocalOverrides(stateDir.resolve(FILE_NAME));
    return shared(group, nanos, wall);
  }

  private static void warnOfLocalOverrides(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      Saved left = JSON.readValue(file.toFile(), new TypeReference<Saved>() {});
      if (!left.overrides().isEmpty()) {
        LOG.warn(
            "{} lists overrides from a run outside the replica group ({}); in the group only the"
                + " shared '{}' document counts: set them again through the API if they are still"
                + " needed",
            file,
            left.overrides().stream().map(r -> r.service() + ": " + r.describe()).toList(),
            OverridesDoc.NAME);
      }
    } catch (IOException e) {
      LOG.warn(
          "{} (from a run outside the replica group) cannot be read: {}", file, e.getMessage());
    }
  }

  /**
   * The store of a replica group: the group's {@code overrides} document, watched from now on; on
   * the daemon's context, before the group starts or after.
   *
   * @param nanos this replica's monotonic clock, the one {@code group.time()} maps
   * @param wall only for {@link #wallNow}: the group's clock gives every other time
   */
  public static OverrideStore shared(Group group, LongSupplier nanos, Clock wall) {
    OverrideStore store = new OverrideStore(null, nanos, wall, null, group);
    store.shared.doc.watch(store::seen);
    store.seen(store.shared.doc.current());
    return store;
  }

  /**
   * Opens the store in {@code stateDir}, reading the overrides a previous run left; at a start,
   * outside the daemon's contexts.
   *
   * @throws IOException when the file exists but cannot be read or parsed: an operator's override
   *     must not be dropped silently
   */
  public static OverrideStore open(Path stateDir, LongSupplier nanos, Clock wall, DiskLane lane)
      throws IOException {
    Files.createDirectories(stateDir);
    OverrideStore store = new OverrideStore(stateDir.resolve(FILE_NAME), nanos, wall, lane, null);
    if (Files.exists(store.file)) {
      Saved saved;
      try {
        saved = JSON.readValue(store.file.toFile(), new TypeReference<Saved>() {});
      } catch (IOException e) {
        throw new IOException(store.file + ": cannot read the saved overrides: " + e.getMessage());
      }
      Map<String, Active> active = new TreeMap<>();
      for (OverrideRecord record : saved.overrides()) {
        active.put(record.service(), store.monotonic(record));
      }
      store.state = new State(active, saved.resumeGenerations());
    }
    return store;
  }

  private Active monotonic(OverrideRecord record) {
    if (shared != null) {
      return new Active(record, 0); // converted at each read: see expiresAtNanos
    }
    Duration left = Duration.between(wall.instant(), record.expiresAt());
    return new Active(record, nanos.getAsLong() + left.toNanos());
  }

  /**
   * When {@code a} expires on this replica's monotonic clock. In a group, converted from the
   * group's clock at each read, since the mapping between the two is sampled again and again.
   */
  private long expiresAtNanos(Active a) {
    return shared == null
        ? a.expiresAtNanos()
        : shared.time.localNanos(a.record().expiresAt().toEpochMilli());
  }

  private boolean expired(Active a, long now) {
    return now - expiresAtNanos(a) >= 0;
  }

  /**
   * Now on the clock overrides are set on: the wall clock when solo, the group's clock in a group.
   * An override's {@code setAt} and {@code expiresAt} are on this clock.
   */
  public Instant now() {
    return shared == null
        ? wall.instant()
        : Instant.ofEpochMilli(shared.time.groupMillis(nanos.getAsLong()));
  }

  /** Takes a version of the shared document into the view, unless the view has it already. */
  private void seen(Optional<SharedDoc.Versioned> doc) {
    if (doc.isEmpty()) {
      if (shared.version != SharedDoc.Versioned.NONE) {
        LOG.warn(
            "the shared document '{}' is gone: no override in force for the group",
            OverridesDoc.NAME);
      }
      shared.version = SharedDoc.Versioned.NONE;
      shared.unreadable = Optional.empty();
      state = State.EMPTY;
      return;
    }
    SharedDoc.Versioned v = doc.get();
    if (v.version() <= shared.version) {
      return;
    }
    try {
      OverridesDoc.Content content = OverridesDoc.decode(v.data());
      Map<String, Active> active = new TreeMap<>();
      content.overrides().forEach(r -> active.put(r.service(), monotonic(r)));
      state = new State(active, content.resumeGenerations());
      shared.version = v.version();
      shared.unreadable = Optional.empty();
    } catch (OverridesDoc.Unreadable e) {
      String why =
          "the shared document '"
              + OverridesDoc.NAME
              + "' (version "
              + v.version()
              + ") cannot be read: "
              + e.getMessage();
      LOG.error(
          "{}; the overrides of version {} stay in force and changes are refused until it is"
              + " fixed",
          why,
          shared.version);
      shared.unreadable = Optional.of(why);
    }
  }

  /**
   * Sets (or replaces) a service's override: on disk, then {@code confirm}ed with the override it
   * replaces (the one in force, if any), then in force. In a group: in the shared document, then
   * confirmed; a refused confirmation takes it back out, unless another change replaced it since.
   *
   * @return the override it replaced; failed, with nothing changed, when the file could not be
   *     written ({@link IOException}) or with {@code confirm}'s failure; in a group, also when the
   *     document cannot be read or changed ({@link SharedUnavailable}), and with {@link
   *     OutcomeUnknown} when the document did not answer
   */
  public Future<Optional<OverrideRecord>> set(
      OverrideRecord record, Function<Optional<OverrideRecord>, Future<Void>> confirm) {
    return change(
        now ->
            Plan.to(now.with(record.service(), monotonic(record)), current(now, record.service())),
        confirm,
        (now, before) ->
            Optional.ofNullable(now.active().get(record.service()))
                .map(Active::record)
                .filter(record::equals)
                .map(
                    mine ->
                        before
                            .map(b -> now.with(record.service(), monotonic(b)))
                            .orElseGet(() -> now.without(List.of(record.service())))));
  }

  /**
   * Removes a service's override: on disk, confirmed with the override removed, then out of force.
   *
   * @return the override removed; empty, with nothing written or confirmed, when it had none
   */
  public Future<Optional<OverrideRecord>> clear(
      String service, Function<OverrideRecord, Future<Void>> confirm) {
    return change(
        now -> {
          Active removed = now.active().get(service);
          return removed == null
              ? Plan.none(Optional.<OverrideRecord>empty())
              : Plan.to(now.without(List.of(service)), Optional.of(removed.record()));
        },
        removed -> confirm.apply(removed.orElseThrow()),
        (now, removed) ->
            now.active().containsKey(service)
                ? Optional.empty()
                : Optional.of(now.with(service, monotonic(removed.orElseThrow()))));
  }

  /**
   * Lifts a flap-budget freeze: the service's resume generation goes up by one, on disk, confirmed
   * with the new generation, then read by the policy.
   */
  public Future<Long> resume(String service, Function<Long, Future<Void>> confirm) {
    return change(
        now -> {
          long generation = now.resumes().getOrDefault(service, 0L) + 1;
          return Plan.to(now.resumed(service, generation), generation);
        },
        confirm,
        (now, generation) ->
            now.resumes().getOrDefault(service, 0L) == generation
                ? Optional.of(now.resumed(service, generation - 1))
                : Optional.empty());
  }

  /**
   * Ends the overrides whose time has run out. They leave the state at once whether or not the file
   * can be rewritten (their time is over either way; a restart would end them again), so the expiry
   * says when the file still lists them. A call while one is still queued does nothing.
   *
   * <p>In a group only the acting replica removes them from the shared document (each replica's
   * view stops counting them at their expiry anyway), so each is ended, and audited, once; when the
   * document cannot be changed the expiry fails and the next call tries again.
   */
  public Future<Expiry> expire() {
    if (expiring || (shared != null && !shared.leadership.role().acts())) {
      return Future.succeededFuture(Expiry.NONE);
    }
    expiring = true;
    Future<Expiry> expiry = queued(shared == null ? this::expireOnDisk : this::expireShared);
    return expiry.onComplete(ended -> expiring = false);
  }

  private Future<Expiry> expireOnDisk() {
    State before = state;
    List<OverrideRecord> ended = ended(before);
    if (ended.isEmpty()) {
      return Future.succeededFuture(Expiry.NONE);
    }
    State after = before.without(ended.stream().map(OverrideRecord::service).toList());
    return save(after)
        .transform(
            saved -> {
              state = after;
              return Future.succeededFuture(new Expiry(ended, Optional.ofNullable(saved.cause())));
            });
  }

  private Future<Expiry> expireShared() {
    return compareAndSet(
            now -> {
              List<OverrideRecord> ended = ended(now);
              return ended.isEmpty()
                  ? Plan.none(ended)
                  : Plan.to(
                      now.without(ended.stream().map(OverrideRecord::service).toList()), ended);
            },
            SHARED_TRIES)
        .map(p -> p.result().isEmpty() ? Expiry.NONE : new Expiry(p.result(), Optional.empty()));
  }

  private List<OverrideRecord> ended(State s) {
    long now = nanos.getAsLong();
    return s.active().values().stream().filter(a -> expired(a, now)).map(Active::record).toList();
  }

  /** The override in force for {@code service}, if any and not expired. */
  public Optional<OverrideRecord> current(String service) {
    return current(state, service);
  }

  private Optional<OverrideRecord> current(State s, String service) {
    Active a = s.active().get(service);
    return a == null || expired(a, nanos.getAsLong()) ? Optional.empty() : Optional.of(a.record());
  }

  /** The policy's input for {@code service}. */
  public Overrides overrides(String service) {
    State s = state;
    Active a = s.active().get(service);
    return new Overrides(
        Optional.ofNullable(a).map(x -> x.record().toPolicy(expiresAtNanos(x))),
        s.resumes().getOrDefault(service, 0L));
  }

  /** When {@code record} expires on this store's wall clock, for display. */
  public Instant wallNow() {
    return wall.instant();
  }

  /**
   * Plans on the state the changes before left, writes, confirms, and then puts the state in force;
   * a failed confirmation writes the state before back. A plan of none changes nothing. In a group,
   * {@code undo} plans taking a refused change back out of the shared document (none when another
   * change has already replaced it).
   */
  private <T> Future<T> change(
      Function<State, Plan<T>> plan,
      Function<T, Future<Void>> confirm,
      BiFunction<State, T, Optional<State>> undo) {
    if (shared != null) {
      return queued(
          () ->
              compareAndSet(plan, SHARED_TRIES)
                  .compose(
                      p ->
                          p.after().isEmpty()
                              ? Future.succeededFuture(p.result())
                              : confirm
                                  .apply(p.result())
                                  .recover(
                                      refused -> takeBack(undo, p.result(), refused).mapEmpty())
                                  .map(p.result())));
    }
    return queued(
        () -> {
          State before = state;
          Plan<T> p = plan.apply(before);
          if (p.after().isEmpty()) {
            return Future.succeededFuture(p.result());
          }
          State after = p.after().get();
          return save(after)
              .compose(
                  saved -> confirm.apply(p.result()).recover(refused -> restore(before, refused)))
              .map(
                  confirmed -> {
                    state = after;
                    return p.result();
                  });
        });
  }

  /**
   * Plans on the view of the shared document and writes the plan if the document is still that
   * version; when another replica's change came first, takes the newer version into the view and
   * plans again, up to {@code tries} times in all.
   */
  private <T> Future<Plan<T>> compareAndSet(Function<State, Plan<T>> plan, int tries) {
    if (shared.unreadable.isPresent()) {
      return Future.failedFuture(
          new SharedUnavailable(shared.unreadable.get() + "; nothing was changed"));
    }
    Plan<T> p = plan.apply(state);
    if (p.after().isEmpty()) {
      return Future.succeededFuture(p);
    }
    Saved after = p.after().get().saved();
    return shared
        .doc
        .replace(OverridesDoc.encode(after.overrides(), after.resumeGenerations()), shared.version)
        .map(
            written -> {
              seen(Optional.of(written));
              return p;
            })
        .recover(
            failed -> {
              if (!(failed instanceof SharedDoc.Conflict)) {
                return readBack()
                    .transform(
                        read ->
                            Future.failedFuture(
                                new OutcomeUnknown(
                                    "the shared document '"
                                        + OverridesDoc.NAME
                                        + "' could not be changed ("
                                        + failed.getMessage()
                                        + "); the change may or may not have been made: read it"
                                        + " back before trying again",
                                    failed,
                                    p.result())));
              }
              if (tries <= 1) {
                return Future.failedFuture(
                    new SharedUnavailable(
                        "the shared document '"
                            + OverridesDoc.NAME
                            + "' kept changing under this change ("
                            + SHARED_TRIES
                            + " tries); nothing was changed, try again"));
              }
              return readBack().transform(read -> compareAndSet(plan, tries - 1));
            });
  }

  /**
   * Reads the shared document from the group into the view (as last seen, when the group cannot be
   * reached): after a change whose outcome is unknown the view shows what landed, and a change
   * planned again after a conflict is planned on the newest document, not on a watch that has not
   * caught up.
   */
  private Future<Void> readBack() {
    return shared
        .doc
        .read()
        .recover(
            unread -> {
              LOG.warn(
                  "cannot read the shared document '{}' back ({}); the view is as last seen",
                  OverridesDoc.NAME,
                  unread.getMessage());
              return Future.succeededFuture(shared.doc.current());
            })
        .map(
            read -> {
              seen(read);
              return null;
            });
  }

  /** Takes a refused change back out of the shared document; fails with the refusal either way. */
  private <T> Future<T> takeBack(
      BiFunction<State, T, Optional<State>> undo, T result, Throwable refused) {
    return compareAndSet(
            now -> undo.apply(now, result).map(s -> Plan.to(s, result)).orElse(Plan.none(result)),
            SHARED_TRIES)
        .transform(
            undone -> {
              if (undone.failed()) {
                refused.addSuppressed(
                    new IOException(
                        "the shared document '"
                            + OverridesDoc.NAME
                            + "' still holds a change that was not confirmed: "
                            + undone.cause().getMessage(),
                        undone.cause()));
              }
              return Future.failedFuture(refused);
            });
  }

  /**
   * The shared overrides cannot be changed now: the document cannot be read, or other replicas'
   * changes kept coming first, and nothing was changed; or the outcome is unknown ({@link
   * OutcomeUnknown}).
   */
  public static class SharedUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SharedUnavailable(String message) {
      this(message, null);
    }

    SharedUnavailable(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  /**
   * A change sent to the shared document whose outcome is unknown: the group did not answer (the
   * connection was lost mid-write), so the change may be in the document, and in force, or not. It
   * was not confirmed; {@link #planned} is the result it would have answered ({@link #set}'s and
   * {@link #clear}'s override replaced or removed, {@link #resume}'s generation), so that the
   * caller can still audit it, as unknown. The view has been read back from the group, when it
   * could be.
   */
  public static final class OutcomeUnknown extends SharedUnavailable {
    private static final long serialVersionUID = 1L;
    private final transient Object planned;

    OutcomeUnknown(String message, Throwable cause, Object planned) {
      super(message, cause);
      this.planned = planned;
    }

    /** The change's result as planned: the type the change's future would have completed with. */
    public Object planned() {
      return planned;
    }
  }

  /** Writes {@code before} back after a refused confirmation; fails with the refusal either way. */
  private Future<Void> restore(State before, Throwable refused) {
    return save(before)
        .transform(
            restored -> {
              if (restored.failed()) {
                refused.addSuppressed(
                    new IOException(
                        file
                            + " still holds a change that was not confirmed: "
                            + restored.cause().getMessage(),
                        restored.cause()));
              }
              return Future.failedFuture(refused);
            });
  }

  /** Runs {@code work} once the changes before it have ended, however they ended. */
  private <T> Future<T> queued(Supplier<Future<T>> work) {
    Future<T> done = changing.transform(previous -> work.get());
    changing = done.transform(ended -> Future.succeededFuture());
    return done;
  }

  private Future<Void> save(State s) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(s.saved());
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return lane.submit(() -> write(bytes));
  }

  private Void write(byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      lane.force(out, true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return null;
  }
}
