package io.sluice.controller.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.policies.Overrides;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The operator overrides in force and the resume generations, per service, persisted in {@code
 * overrides.json} in the state directory so that a restart keeps them. The file holds wall-clock
 * expiry; on load and on each set it is converted once to the monotonic clock, on which the policy
 * compares it, so a wall-clock jump neither ends an override early nor stretches it.
 *
 * <p>Each change is written to a temporary file, forced to disk and renamed over the old one before
 * the call returns: the API acknowledges only what a crash would keep. Thread-safe.
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
  private final Map<String, Active> active = new TreeMap<>();
  private final Map<String, Long> resumes = new TreeMap<>();

  private record Active(OverrideRecord record, long expiresAtNanos) {}

  /** What the file holds. */
  record Saved(List<OverrideRecord> overrides, Map<String, Long> resumeGenerations) {}

  private OverrideStore(Path file, LongSupplier nanos, Clock wall) {
    this.file = file;
    this.nanos = nanos;
    this.wall = wall;
  }

  /**
   * Opens the store in {@code stateDir}, reading the overrides a previous run left.
   *
   * @throws IOException when the file exists but cannot be read or parsed: an operator's override
   *     must not be dropped silently
   */
  public static OverrideStore open(Path stateDir, LongSupplier nanos, Clock wall)
      throws IOException {
    Files.createDirectories(stateDir);
    OverrideStore store = new OverrideStore(stateDir.resolve(FILE_NAME), nanos, wall);
    if (Files.exists(store.file)) {
      Saved saved;
      try {
        saved = JSON.readValue(store.file.toFile(), new TypeReference<Saved>() {});
      } catch (IOException e) {
        throw new IOException(store.file + ": cannot read the saved overrides: " + e.getMessage());
      }
      for (OverrideRecord record : saved.overrides()) {
        store.active.put(record.service(), store.monotonic(record));
      }
      store.resumes.putAll(saved.resumeGenerations());
    }
    return store;
  }

  private Active monotonic(OverrideRecord record) {
    Duration left = Duration.between(wall.instant(), record.expiresAt());
    return new Active(record, nanos.getAsLong() + left.toNanos());
  }

  /** Sets (or replaces) a service's override, on disk before it returns. */
  public synchronized void set(OverrideRecord record) throws IOException {
    Active before = active.put(record.service(), monotonic(record));
    try {
      save();
    } catch (IOException e) {
      restore(record.service(), before);
      throw e;
    }
  }

  /** Removes a service's override; empty when it had none. */
  public synchronized Optional<OverrideRecord> clear(String service) throws IOException {
    Active before = active.remove(service);
    if (before == null) {
      return Optional.empty();
    }
    try {
      save();
    } catch (IOException e) {
      restore(service, before);
      throw e;
    }
    return Optional.of(before.record());
  }

  /** Lifts a flap-budget freeze: the service's resume generation goes up by one. */
  public synchronized long resume(String service) throws IOException {
    long generation = resumes.getOrDefault(service, 0L) + 1;
    resumes.put(service, generation);
    try {
      save();
    } catch (IOException e) {
      resumes.put(service, generation - 1);
      throw e;
    }
    return generation;
  }

  /** The override in force for {@code service}, if any and not expired. */
  public synchronized Optional<OverrideRecord> current(String service) {
    Active a = active.get(service);
    return a == null || nanos.getAsLong() - a.expiresAtNanos() >= 0
        ? Optional.empty()
        : Optional.of(a.record());
  }

  /** The policy's input for {@code service}. */
  public synchronized Overrides overrides(String service) {
    Active a = active.get(service);
    return new Overrides(
        Optional.ofNullable(a).map(x -> x.record().toPolicy(x.expiresAtNanos())),
        resumes.getOrDefault(service, 0L));
  }

  /** Removes and returns the overrides whose time has run out, so their end can be audited. */
  public synchronized List<OverrideRecord> expire() throws IOException {
    long now = nanos.getAsLong();
    List<OverrideRecord> ended = new ArrayList<>();
    active
        .values()
        .removeIf(
            a -> {
              boolean over = now - a.expiresAtNanos() >= 0;
              if (over) {
                ended.add(a.record());
              }
              return over;
            });
    if (!ended.isEmpty()) {
      save();
    }
    return ended;
  }

  /** When {@code record} expires on this store's wall clock, for display. */
  public Instant wallNow() {
    return wall.instant();
  }

  private void restore(String service, Active before) {
    if (before == null) {
      active.remove(service);
    } else {
      active.put(service, before);
    }
  }

  private void save() throws IOException {
    Map<String, Long> generations = new LinkedHashMap<>(resumes);
    Saved saved = new Saved(active.values().stream().map(Active::record).toList(), generations);
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(saved)));
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
