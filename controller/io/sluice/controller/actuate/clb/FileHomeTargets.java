package io.sluice.controller.actuate.clb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.controller.disk.DiskLane;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Home targets in the state directory, one small JSON file per rule. A file is replaced atomically
 * (written to a temporary file, forced, renamed over the old one, then the directory forced), so a
 * crash leaves the old version or the new one, never half of either.
 *
 * <p>The file name is the rule's name made safe for a file system, plus a short hash of the exact
 * name, so two rules whose names differ only in characters that had to be replaced never share a
 * file: {@code clb-home-lb-1_lbl-1_loc-1-3f2a9c1b.json}.
 *
 * <p>With a {@link DiskLane} (the daemon's), a save runs there, forced through its fsync hook, so
 * the deciding context never waits for the disk; without one (tools, tests), in place.
 */
public final class FileHomeTargets implements HomeTargets {
  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private final Path directory;
  private final Optional<DiskLane> lane;

  /** The file format: the rule's full name beside its targets, so a file explains itself. */
  record HomeFile(String rule, List<CvmTarget> targets) {}

  /** A store whose saves run in place. */
  public FileHomeTargets(Path directory) {
    this(directory, Optional.empty());
  }

  /** A store whose saves run on {@code lane}. */
  public FileHomeTargets(Path directory, DiskLane lane) {
    this(directory, Optional.of(lane));
  }

  private FileHomeTargets(Path directory, Optional<DiskLane> lane) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.lane = lane;
  }

  @Override
  public List<CvmTarget> load(String rule) {
    Path file = fileOf(rule);
    try {
      HomeFile stored = JSON.readValue(Files.readAllBytes(file), HomeFile.class);
      return List.copyOf(stored.targets());
    } catch (NoSuchFileException absent) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the home targets in " + file, e);
    }
  }

  @Override
  public Future<Void> save(String rule, List<CvmTarget> targets) {
    List<CvmTarget> copy = List.copyOf(targets);
    if (lane.isEmpty()) {
      try {
        write(rule, copy);
        return Future.succeededFuture();
      } catch (UncheckedIOException e) {
        return Future.failedFuture(e);
      }
    }
    return lane.get()
        .submit(
            () -> {
              write(rule, copy);
              return null;
            });
  }

  private void write(String rule, List<CvmTarget> targets) {
    Path file = fileOf(rule);
    try {
      Files.createDirectories(directory);
      byte[] json =
          JSON.writerWithDefaultPrettyPrinter()
              .writeValueAsBytes(new HomeFile(rule, List.copyOf(targets)));
      Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
      try {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          ByteBuffer buffer = ByteBuffer.wrap(json);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          force(channel);
        }
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
      // the rename is durable only once the directory entry is
      try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
        force(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the home targets in " + file, e);
    }
  }

  private void force(FileChannel channel) throws IOException {
    if (lane.isPresent()) {
      lane.get().force(channel, true);
    } else {
      channel.force(true);
    }
  }

  Path fileOf(String rule) {
    String safe = rule.replaceAll("[^A-Za-z0-9.-]", "_");
    return directory.resolve("clb-home-" + safe + "-" + shortHash(rule) + ".json");
  }

  private static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
