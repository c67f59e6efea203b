package io.sluice.controller.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.controller.disk.DiskLane;
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
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

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
 * <p>All calls on the daemon's context (a test without Vert.x may call from one thread); the state
 * the policy reads is an immutable snapshot, replaced whole.
 */
public final class OverrideStore {
  public static final String FILE_NAME = "overrides.json";
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
  private volatile State state = new State(Map.of(), Map.of());
  private Future<Void> changing = Future.succeededFuture();
  private boolean expiring;

  private record Active(OverrideRecord record, long expiresAtNanos) {}

  /** What is in force: overrides and resume generations by service. */
  private record State(Map<String, Active> active, Map<String, Long> resumes) {
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

  private OverrideStore(Path file, LongSupplier nanos, Clock wall, DiskLane lane) {
    this.file = file;
    this.nanos = nanos;
    this.wall = wall;
    this.lane = lane;
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
    OverrideStore store = new OverrideStore(stateDir.resolve(FILE_NAME), nanos, wall, lane);
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
    Duration left = Duration.between(wall.instant(), record.expiresAt());
    return new Active(record, nanos.getAsLong() + left.toNanos());
  }

  /**
   * Sets (or replaces) a service's override: on disk, then {@code confirm}ed with the override it
   * replaces (the one in force, if any), then in force.
   *
   * @return the override it replaced; failed, with nothing changed, when the file could not be
   *     written ({@link IOException}) or with {@code confirm}'s failure
   */
  public Future<Optional<OverrideRecord>> set(
      OverrideRecord record, Function<Optional<OverrideRecord>, Future<Void>> confirm) {
    return change(
        () -> {
          State now = state;
          return Plan.to(
              now.with(record.service(), monotonic(record)), current(now, record.service()));
        },
        confirm);
  }

  /**
   * Removes a service's override: on disk, confirmed with the override removed, then out of force.
   *
   * @return the override removed; empty, with nothing written or confirmed, when it had none
   */
  public Future<Optional<OverrideRecord>> clear(
      String service, Function<OverrideRecord, Future<Void>> confirm) {
    return change(
        () -> {
          State now = state;
          Active removed = now.active().get(service);
          return removed == null
              ? Plan.none(Optional.<OverrideRecord>empty())
              : Plan.to(now.without(List.of(service)), Optional.of(removed.record()));
        },
        removed -> confirm.apply(removed.orElseThrow()));
  }

  /**
   * Lifts a flap-budget freeze: the service's resume generation goes up by one, on disk, confirmed
   * with the new generation, then read by the policy.
   */
  public Future<Long> resume(String service, Function<Long, Future<Void>> confirm) {
    return change(
        () -> {
          State now = state;
          long generation = now.resumes().getOrDefault(service, 0L) + 1;
          return Plan.to(now.resumed(service, generation), generation);
        },
        confirm);
  }

  /**
   * Ends the overrides whose time has run out. They leave the state at once whether or not the file
   * can be rewritten (their time is over either way; a restart would end them again), so the expiry
   * says when the file still lists them. A call while one is still queued does nothing.
   */
  public Future<Expiry> expire() {
    if (expiring) {
      return Future.succeededFuture(Expiry.NONE);
    }
    expiring = true;
    Future<Expiry> expiry =
        queued(
            () -> {
              long now = nanos.getAsLong();
              State before = state;
              List<OverrideRecord> ended =
                  before.active().values().stream()
                      .filter(a -> now - a.expiresAtNanos() >= 0)
                      .map(Active::record)
                      .toList();
              if (ended.isEmpty()) {
                return Future.succeededFuture(Expiry.NONE);
              }
              State after = before.without(ended.stream().map(OverrideRecord::service).toList());
              return save(after)
                  .transform(
                      saved -> {
                        state = after;
                        return Future.succeededFuture(
                            new Expiry(ended, Optional.ofNullable(saved.cause())));
                      });
            });
    return expiry.onComplete(ended -> expiring = false);
  }

  /** The override in force for {@code service}, if any and not expired. */
  public Optional<OverrideRecord> current(String service) {
    return current(state, service);
  }

  private Optional<OverrideRecord> current(State s, String service) {
    Active a = s.active().get(service);
    return a == null || nanos.getAsLong() - a.expiresAtNanos() >= 0
        ? Optional.empty()
        : Optional.of(a.record());
  }

  /** The policy's input for {@code service}. */
  public Overrides overrides(String service) {
    State s = state;
    Active a = s.active().get(service);
    return new Overrides(
        Optional.ofNullable(a).map(x -> x.record().toPolicy(x.expiresAtNanos())),
        s.resumes().getOrDefault(service, 0L));
  }

  /** When {@code record} expires on this store's wall clock, for display. */
  public Instant wallNow() {
    return wall.instant();
  }

  /**
   * Plans on the state the changes before left, writes, confirms, and then puts the state in force;
   * a failed confirmation writes the state before back. A plan of null changes nothing.
   */
  private <T> Future<T> change(Supplier<Plan<T>> plan, Function<T, Future<Void>> confirm) {
    return queued(
        () -> {
          State before = state;
          Plan<T> p = plan.get();
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
