package io.sluice.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: append-only JSON lines in {@code audit.jsonl} in the state directory, each
 * written and forced to disk before {@link #append} returns, so a crash loses no entry the API has
 * acknowledged. Past {@code maxBytes} the file is rotated to {@code audit.jsonl.1} (the older ones
 * shift up, and the oldest beyond {@code keep} is deleted).
 *
 * <p>Every entry has {@code time}, {@code action} and {@code service}; operator actions add {@code
 * actor}, {@code source}, {@code requestId}, {@code reason}, {@code ttl}, {@code force}, {@code
 * before} and {@code after}; automatic changes add the decision's reason, the cloud RequestIds and
 * each write's outcome. A line torn by a crash is skipped when read. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  public static final String FILE_NAME = "audit.jsonl";
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 5;
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private final Clock wall;
  private final long maxBytes;
  private final int keep;
  private FileChannel channel;
  private long writes;

  private AuditLog(Path file, Clock wall, long maxBytes, int keep) {
    this.file = file;
    this.wall = wall;
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  public static AuditLog open(Path stateDir, Clock wall) throws IOException {
    return open(stateDir, wall, DEFAULT_MAX_BYTES, DEFAULT_KEEP);
  }

  public static AuditLog open(Path stateDir, Clock wall, long maxBytes, int keep)
      throws IOException {
    Files.createDirectories(stateDir);
    AuditLog log = new AuditLog(stateDir.resolve(FILE_NAME), wall, maxBytes, keep);
    log.dropTornLine();
    log.channel = log.openChannel();
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
        ch.force(true);
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
    return entry;
  }

  /**
   * Writes {@code entry} as one line and forces it to disk.
   *
   * @throws IOException when it could not be made durable; the caller must not acknowledge
   */
  public synchronized void append(ObjectNode entry) throws IOException {
    byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    if (channel.size() > 0 && channel.size() + line.length > maxBytes) {
      rotate();
    }
    ByteBuffer buffer = ByteBuffer.wrap(line);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
    writes++;
  }

  /** Entries written since open, for the metrics. */
  public synchronized long writes() {
    return writes;
  }

  private void rotate() throws IOException {
    channel.close();
    Files.deleteIfExists(rotated(keep));
    for (int i = keep - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, rotated(1), StandardCopyOption.ATOMIC_MOVE);
    channel = openChannel();
    LOG.info("audit log rotated to {}", rotated(1));
  }

  private Path rotated(int n) {
    return file.resolveSibling(FILE_NAME + "." + n);
  }

  /**
   * Entries oldest first, from the rotated files and the current one.
   *
   * @param service only this service's, when given
   * @param since only entries at or after this time, when given
   * @param limit at most this many, the newest
   */
  public synchronized List<JsonNode> read(
      Optional<String> service, Optional<Instant> since, int limit) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    for (int i = keep; i >= 0; i--) {
      Path f = i == 0 ? file : rotated(i);
      if (!Files.exists(f)) {
        continue;
      }
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        JsonNode entry;
        try {
          entry = JSON.readTree(line);
        } catch (IOException torn) {
          continue; // a line cut short by a crash; it was never acknowledged
        }
        if (entry == null || !entry.isObject()) {
          continue;
        }
        if (service.isPresent() && !service.get().equals(entry.path("service").asText())) {
          continue;
        }
        if (since.isPresent()
            && Instant.parse(entry.path("time").asText(Instant.EPOCH.toString()))
                .isBefore(since.get())) {
          continue;
        }
        found.add(entry);
      }
    }
    return found.size() > limit ? found.subList(found.size() - limit, found.size()) : found;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
