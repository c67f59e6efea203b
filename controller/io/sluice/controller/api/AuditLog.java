package io.sluice.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.controller.disk.DiskLane;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: append-only JSON lines in {@code audit.jsonl} in the state directory. Each
 * {@link #append} writes and forces its line on the state directory's {@link DiskLane} and
 * completes once the line is on disk, so the caller acknowledges only what a crash keeps, while the
 * daemon's context goes on deciding. Past {@code maxBytes} the file is rotated to {@code
 * audit.jsonl.1} (the older ones shift up, and the oldest beyond {@code keep} is deleted), also on
 * the lane.
 *
 * <p>Every entry has {@code time}, {@code action} and {@code service} (and {@code replica} in a
 * replica group, where each replica keeps its own trail); operator actions add {@code actor},
 * {@code source}, {@code requestId}, {@code reason}, {@code ttl}, {@code force}, {@code before} and
 * {@code after}; automatic changes add the decision's reason, the cloud RequestIds and each write's
 * outcome. A line torn by a crash is skipped when read.
 *
 * <p>{@link #read} takes no lock the writers take: it opens the files as they are, reads them
 * backwards from their ends and stops at {@code limit} matching entries, so a viewer asking for the
 * latest entries of a large trail reads its tail only, and never holds up an append. A rotation in
 * the middle of opening the files is noticed and the files are opened again.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  public static final String FILE_NAME = "audit.jsonl";
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 5;
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private final Clock wall;
  private final DiskLane lane;
  private final long maxBytes;
  private final int keep;
  private final AtomicLong writes = new AtomicLong();
  // odd while a rotation moves the files; a reader that saw it change opens them again
  private final AtomicLong rotations = new AtomicLong();
  private volatile LongConsumer chunkRead = bytes -> {};
  private volatile String replica; // null outside a replica group
  private FileChannel channel; // the lane's alone once open

  private AuditLog(Path file, Clock wall, DiskLane lane, long maxBytes, int keep) {
    this.file = file;
    this.wall = wall;
    this.lane = lane;
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  public static AuditLog open(Path stateDir, Clock wall, DiskLane lane) throws IOException {
    return open(stateDir, wall, lane, DEFAULT_MAX_BYTES, DEFAULT_KEEP);
  }

  /** Opens the trail in {@code stateDir}; from outside the daemon's contexts (a start). */
  public static AuditLog open(Path stateDir, Clock wall, DiskLane lane, long maxBytes, int keep)
      throws IOException {
    Files.createDirectories(stateDir);
    AuditLog log = new AuditLog(stateDir.resolve(FILE_NAME), wall, lane, maxBytes, keep);
    lane.await(
        () -> {
          log.dropTornLine();
          log.channel = log.openChannel();
          return null;
        });
    return log;
  }

  /**
   * A crash in the middle of an append leaves a line without its newline; it was never
   * acknowledged. It is cut off, so that the next entry starts on a line of its own.
   */
  private void dropTornLine() throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = ch.size();
      ByteBuffer one = ByteBuffer.allocate(1);
      long keep = end;
      while (keep > 0) {
        one.clear();
        ch.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
      if (keep < end) {
        LOG.warn("{}: dropping a line torn by a crash ({} bytes)", file, end - keep);
        ch.truncate(keep);
        lane.force(ch, true);
      }
    }
  }

  private FileChannel openChannel() throws IOException {
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** A new entry stamped now; fill it and {@link #append} it. */
  public ObjectNode entry(String action, String service) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("time", wall.instant().toString());
    entry.put("action", action);
    entry.put("service", service);
    if (replica != null) {
      entry.put("replica", replica);
    }
    return entry;
  }

  /**
   * Names {@code replica} in every entry made from now on: in a replica group each replica keeps
   * its own trail, and an entry says which one acted.
   */
  public void nameReplica(String replica) {
    this.replica = replica;
  }

  /**
   * Writes {@code entry} as one line on the disk lane and forces it to disk. The entry is encoded
   * now: changing it afterwards changes nothing.
   *
   * @return completed once the line is on disk; failed when it could not be made durable (the
   *     caller must not acknowledge), and then the file is as it was before
   */
  public Future<Void> append(ObjectNode entry) {
    byte[] line;
    try {
      line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return lane.submit(() -> write(line));
  }

  private Void write(byte[] line) throws IOException {
    if (channel.size() > 0 && channel.size() + line.length > maxBytes) {
      rotate();
    }
    long before = channel.size();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      lane.force(channel, false);
    } catch (IOException e) {
      // a line that is not durable must not stay half there: the next one would be glued to it
      try {
        channel.truncate(before);
      } catch (IOException cut) {
        e.addSuppressed(cut);
      }
      throw e;
    }
    writes.incrementAndGet();
    return null;
  }

  /** Entries written since open, for the metrics; never waits. */
  public long writes() {
    return writes.get();
  }

  private void rotate() throws IOException {
    rotations.incrementAndGet();
    try {
      channel.close();
      Files.deleteIfExists(rotated(keep));
      for (int i = keep - 1; i >= 1; i--) {
        if (Files.exists(rotated(i))) {
          Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, rotated(1), StandardCopyOption.ATOMIC_MOVE);
      channel = openChannel();
    } finally {
      rotations.incrementAndGet();
    }
    LOG.info("audit log rotated to {}", rotated(1));
  }

  private Path rotated(int n) {
    return file.resolveSibling(FILE_NAME + "." + n);
  }

  /**
   * The newest matching entries, returned oldest first, from the current file and the rotated ones.
   * Blocking file reads: call it off the daemon's context. Reads the files backwards and stops at
   * {@code limit} entries; an entry appended while it reads may or may not be included.
   *
   * @param service only this service's, when given
   * @param since only entries at or after this time, when given
   * @param limit at most this many, the newest
   */
  public List<JsonNode> read(Optional<String> service, Optional<Instant> since, int limit)
      throws IOException {
    List<FileChannel> files = openForReading();
    try {
      List<JsonNode> newestFirst = new ArrayList<>();
      for (FileChannel f : files) {
        LinesFromEnd lines = new LinesFromEnd(f, f.size(), chunkRead);
        for (String line = lines.next();
            line != null && newestFirst.size() < limit;
            line = lines.next()) {
          JsonNode entry = parse(line);
          if (entry != null && matches(entry, service, since)) {
            newestFirst.add(entry);
          }
        }
        if (newestFirst.size() >= limit) {
          break;
        }
      }
      return newestFirst.reversed();
    } finally {
      for (FileChannel f : files) {
        f.close();
      }
    }
  }

  /** The files newest first, all opened between two rotations. */
  private List<FileChannel> openForReading() throws IOException {
    while (true) {
      long stamp = rotations.get();
      if (stamp % 2 == 1) {
        Thread.onSpinWait(); // a rotation renames a few files; it is over in a moment
        continue;
      }
      List<FileChannel> files = new ArrayList<>();
      try {
        for (int i = 0; i <= keep; i++) {
          Path f = i == 0 ? file : rotated(i);
          try {
            files.add(FileChannel.open(f, StandardOpenOption.READ));
          } catch (NoSuchFileException absent) {
            // not rotated that far yet
          }
        }
      } catch (IOException | RuntimeException e) {
        for (FileChannel f : files) {
          f.close();
        }
        throw e;
      }
      if (rotations.get() == stamp) {
        return files;
      }
      for (FileChannel f : files) {
        f.close();
      }
    }
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode entry = JSON.readTree(line);
      return entry != null && entry.isObject() ? entry : null;
    } catch (IOException torn) {
      return null; // a line cut short by a crash; it was never acknowledged
    }
  }

  private static boolean matches(
      JsonNode entry, Optional<String> service, Optional<Instant> since) {
    if (service.isPresent() && !service.get().equals(entry.path("service").asText())) {
      return false;
    }
    return since.isEmpty()
        || !Instant.parse(entry.path("time").asText(Instant.EPOCH.toString()))
            .isBefore(since.get());
  }

  /** Called with the size of every chunk {@link #read} reads: for tests to count and pause. */
  void onChunkRead(LongConsumer hook) {
    this.chunkRead = hook;
  }

  /** Closes the file once the appends before it are written; from outside the daemon's contexts. */
  @Override
  public void close() throws IOException {
    lane.await(
        () -> {
          channel.close();
          return null;
        });
  }
}
