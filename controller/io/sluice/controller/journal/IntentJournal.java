package io.sluice.controller.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of what the controller meant to do (reliability fault 6): before each cloud
 * write its intent is appended and forced to disk, after it the outcome. On restart the daemon
 * reads the journal beside the actual cloud state, so a plan cut short by a crash is known and
 * converged from what the cloud reports, never replayed blindly.
 *
 * <p>Format: one JSON object per line in {@code journal.jsonl}, see {@link JournalEntry}. A line
 * torn by a crash mid-write can only be the last one; it is dropped when the journal is opened (the
 * write it announced never happened as far as the journal knows, and the cloud read-back decides).
 * When the file grows past its limit it is compacted to the latest entries of each route, written
 * to a temporary file, forced and renamed over the old one.
 *
 * <p>Every append (with its {@code fsync}) and every compaction runs on the {@link JournalLane} the
 * journal was opened with, strictly in order; the returned future completes once the entry is on
 * disk, and fails when it could not be written, in which case the caller must not act on it. The
 * daemon's lane is a worker off the deciding context, so a slow disk delays only the change that
 * waits for its intent. Reads ({@link #unfinishedIntent}, {@link #entries}) may come from any
 * thread.
 */
public final class IntentJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IntentJournal.class);
  public static final String FILE_NAME = "journal.jsonl";
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

  /** Entries kept per route when compacting: enough for the last plan and its steps. */
  static final int KEPT_PER_ROUTE = 64;

  // ISO-8601 times, as JournalEntry documents: the file is read by people too.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private final Path file;
  private final Clock clock;
  private final long maxBytes;
  private final JournalLane lane;
  // guarded by itself: appended on the lane, read on the deciding context
  private final List<JournalEntry> recent = new ArrayList<>();
  private FileChannel channel;
  private long seq;
  private final AtomicLong writes = new AtomicLong();

  private IntentJournal(Path file, Clock clock, long maxBytes, JournalLane lane) {
    this.file = file;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.lane = Objects.requireNonNull(lane, "lane");
  }

  /**
   * Opens (or creates) the journal in {@code stateDir}, reading what it holds.
   *
   * @throws IOException when the directory or the file cannot be created, read or opened
   */
  public static IntentJournal open(Path stateDir, Clock clock, long maxBytes, JournalLane lane)
      throws IOException {
    Files.createDirectories(stateDir);
    IntentJournal journal = new IntentJournal(stateDir.resolve(FILE_NAME), clock, maxBytes, lane);
    journal.load();
    journal.channel =
        FileChannel.open(
            journal.file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    return journal;
  }

  public static IntentJournal open(Path stateDir, Clock clock, long maxBytes) throws IOException {
    return open(stateDir, clock, maxBytes, JournalLane.IN_PLACE);
  }

  /** A journal whose appends run in place on the caller's thread. */
  public static IntentJournal open(Path stateDir, Clock clock) throws IOException {
    return open(stateDir, clock, DEFAULT_MAX_BYTES);
  }

  /** A journal whose appends run on {@code lane}. */
  public static IntentJournal open(Path stateDir, Clock clock, JournalLane lane)
      throws IOException {
    return open(stateDir, clock, DEFAULT_MAX_BYTES, lane);
  }

  /** Records that the route is about to move to {@code desired}, for {@code reason}. */
  public Future<Void> intent(String route, String desired, String reason) {
    return append(route, JournalEntry.Type.INTENT, Map.of("desired", desired, "reason", reason));
  }

  /** Records a cloud write about to be made. */
  public Future<Void> step(String route, String action, String target, String value) {
    return append(
        route, JournalEntry.Type.STEP, Map.of("action", action, "target", target, "value", value));
  }

  /** Records a cloud write's outcome. */
  public Future<Void> stepDone(
      String route, String action, String target, String requestId, String outcome) {
    return append(
        route,
        JournalEntry.Type.STEP_DONE,
        Map.of("action", action, "target", target, "requestId", requestId, "outcome", outcome));
  }

  /** Records how the route's latest intent ended: {@code APPLIED}, {@code FAILED...}. */
  public Future<Void> outcome(String route, String outcome, String after) {
    return append(route, JournalEntry.Type.OUTCOME, Map.of("outcome", outcome, "after", after));
  }

  /**
   * The cloud writes journaled after {@code intent} for its route, each as its STEP entry and the
   * STEP_DONE that answered it (empty when the run stopped before the answer), in order.
   */
  public List<JournaledWrite> writesAfter(JournalEntry intent) {
    List<JournaledWrite> writes = new ArrayList<>();
    for (JournalEntry entry : snapshot()) {
      if (!entry.route().equals(intent.route()) || entry.seq() <= intent.seq()) {
        continue;
      }
      if (entry.type() == JournalEntry.Type.STEP) {
        writes.add(new JournaledWrite(entry, Optional.empty()));
      } else if (entry.type() == JournalEntry.Type.STEP_DONE && !writes.isEmpty()) {
        JournaledWrite last = writes.getLast();
        if (last.done().isEmpty()) {
          writes.set(writes.size() - 1, new JournaledWrite(last.step(), Optional.of(entry)));
        }
      } else if (entry.type() != JournalEntry.Type.STEP_DONE) {
        break;
      }
    }
    return writes;
  }

  /** A journaled write: the entry made before it, and the one made after it if any. */
  public record JournaledWrite(JournalEntry step, Optional<JournalEntry> done) {}

  /**
   * The route's latest intent when no outcome followed it: the daemon stopped in the middle of a
   * plan (or the plan is running now).
   */
  public Optional<JournalEntry> unfinishedIntent(String route) {
    List<JournalEntry> recent = snapshot();
    for (int i = recent.size() - 1; i >= 0; i--) {
      JournalEntry entry = recent.get(i);
      if (!entry.route().equals(route)) {
        continue;
      }
      if (entry.type() == JournalEntry.Type.OUTCOME) {
        return Optional.empty();
      }
      if (entry.type() == JournalEntry.Type.INTENT) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** The route's latest intent, finished or not. */
  public Optional<JournalEntry> lastIntent(String route) {
    List<JournalEntry> recent = snapshot();
    for (int i = recent.size() - 1; i >= 0; i--) {
      JournalEntry entry = recent.get(i);
      if (entry.route().equals(route) && entry.type() == JournalEntry.Type.INTENT) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** Entries written or read since opening, oldest first (bounded by compaction). */
  public List<JournalEntry> entries() {
    return snapshot();
  }

  private List<JournalEntry> snapshot() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /** Appends made since opening, for a meter; safe from any thread. */
  public long writes() {
    return writes.get();
  }

  /** Closes the file once every append submitted before has run, on the journal's lane. */
  public Future<Void> closeAfterAppends() {
    return lane.submit(
        () -> {
          close();
          return null;
        });
  }

  @Override
  public void close() throws IOException {
    if (channel != null && channel.isOpen()) {
      channel.force(true);
      channel.close();
    }
  }

  private Future<Void> append(String route, JournalEntry.Type type, Map<String, String> fields) {
    return lane.submit(
        () -> {
          appendNow(route, type, fields);
          return null;
        });
  }

  private void appendNow(String route, JournalEntry.Type type, Map<String, String> fields) {
    JournalEntry entry = new JournalEntry(++seq, clock.instant(), route, type, fields);
    long end;
    try {
      end = channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the intent journal " + file, e);
    }
    try {
      byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      lane.force(channel, false);
    } catch (IOException e) {
      // A part of a line written before the failure would glue the next entry onto it.
      try {
        channel.truncate(end);
      } catch (IOException ignored) {
        // the torn line is dropped when the journal is next opened
      }
      // The controller must not act on an intent it could not record: the caller stops here.
      throw new UncheckedIOException("cannot write the intent journal " + file, e);
    }
    writes.incrementAndGet();
    synchronized (recent) {
      recent.add(entry);
    }
    try {
      if (channel.size() > maxBytes) {
        compact();
      }
    } catch (IOException e) {
      // The entry is on disk; a failed compaction only leaves the file longer.
      LOG.warn("cannot compact the intent journal {}: {}", file, e.getMessage());
      reopenIfClosed();
    }
  }

  private void reopenIfClosed() {
    if (!channel.isOpen()) {
      try {
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        LOG.error("cannot reopen the intent journal {}: {}", file, e.getMessage());
      }
    }
  }

  private void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    // Decoded leniently: a crash in the middle of a multi-byte character (cloud messages are often
    // Chinese) must not stop the daemon from starting.
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    boolean damaged = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        JournalEntry entry = JSON.readValue(line, JournalEntry.class);
        recent.add(entry);
        seq = Math.max(seq, entry.seq());
      } catch (JsonProcessingException e) {
        // Only the history is lost: on start the cloud's answer decides, never the journal alone.
        damaged = true;
        LOG.warn(
            "{} line {} is not a journal entry ({}); dropping it: {}",
            file,
            i + 1,
            e.getOriginalMessage(),
            line);
      }
    }
    trimToKept();
    if (damaged) {
      rewrite(snapshot());
    }
  }

  private void compact() throws IOException {
    trimToKept();
    channel.close();
    rewrite(snapshot());
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** Keeps the latest {@value #KEPT_PER_ROUTE} entries of each route, in their order. */
  private void trimToKept() {
    synchronized (recent) {
      trimToKeptLocked();
    }
  }

  private void trimToKeptLocked() {
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<JournalEntry> kept = new ArrayList<>();
    for (int i = recent.size() - 1; i >= 0; i--) {
      JournalEntry entry = recent.get(i);
      if (seen.merge(entry.route(), 1, Integer::sum) <= KEPT_PER_ROUTE) {
        kept.addFirst(entry);
      }
    }
    recent.clear();
    recent.addAll(kept);
  }

  private void rewrite(List<JournalEntry> entries) throws IOException {
    Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
    StringBuilder text = new StringBuilder();
    for (JournalEntry entry : entries) {
      text.append(JSON.writeValueAsString(entry)).append('\n');
    }
    try (FileChannel out =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
      lane.force(out, true);
    }
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(file.getParent());
  }

  /** Makes the rename durable; some file systems refuse to open a directory, which is fine. */
  private static void forceDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(Objects.requireNonNull(directory))) {
      dir.force(true);
    } catch (IOException e) {
      LOG.debug("cannot fsync directory {}; the rename is durable on the next sync", directory, e);
    }
  }
}
