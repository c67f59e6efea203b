package io.sluice.controller.disk;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A daemon's state directory, held for as long as it runs: an operating-system lock on {@code
 * sluice.lock} keeps a second daemon off it (two daemons on one directory undid an operator's pin
 * and wrote duplicate journal sequence numbers), and the {@link DiskLane} that writes its files in
 * order. The lock file says who holds it (pid, host, start time), so the refused daemon can name
 * it. The lock goes with the process: released on {@link #close}, and by the operating system when
 * the process dies, even by SIGKILL. The file itself stays (deleting it could let two daemons lock
 * two different files of the same name).
 *
 * <p>Within one process the holders are kept in memory too, and a second daemon there never opens
 * the lock file: the operating system's locks belong to the process, and closing any descriptor of
 * the file would release them (as {@link FileLock} warns).
 */
public final class StateDirectory implements AutoCloseable {
  public static final String LOCK_FILE = "sluice.lock";
  private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

  private final Path path;
  private final Path key;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final DiskLane lane;

  private StateDirectory(
      Path path, Path key, FileChannel lockChannel, FileLock lock, DiskLane lane) {
    this.path = path;
    this.key = key;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.lane = lane;
  }

  /**
   * Creates the directory if needed, locks it and starts its disk lane.
   *
   * @param fsync how the lane forces files ({@link Fsync#DEVICE} outside tests)
   * @param wall stamps the start time written into the lock file
   * @throws StateDirectoryInUse when another daemon (in this process or another) holds it
   */
  public static StateDirectory open(Path path, Fsync fsync, Clock wall) throws IOException {
    Objects.requireNonNull(fsync, "fsync");
    Files.createDirectories(path);
    Path key = path.toRealPath();
    String me =
        "pid "
            + ProcessHandle.current().pid()
            + " on host "
            + hostName()
            + ", started "
            + wall.instant();
    String heldHere = HELD_HERE.putIfAbsent(key, me);
    if (heldHere != null) {
      throw new StateDirectoryInUse(path, heldHere);
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              key.resolve(LOCK_FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new StateDirectoryInUse(path, holder(channel));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      return new StateDirectory(path, key, channel, lock, DiskLane.start(fsync));
    } catch (IOException | RuntimeException e) {
      HELD_HERE.remove(key);
      if (channel != null) {
        channel.close();
      }
      throw e;
    }
  }

  /** The lock, or null when another holds it; this process's own second try counts as another. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      return null;
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer text = ByteBuffer.allocate(512);
    channel.read(text, 0);
    String holder = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).strip();
    return holder.isEmpty() ? "it has not written its pid yet" : holder;
  }

  /** The host's name without a DNS lookup where the environment has it. */
  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  public Path path() {
    return path;
  }

  /** Where the files of this directory are written. */
  public DiskLane lane() {
    return lane;
  }

  /** Finishes the lane's work, then releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      lane.close();
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
        HELD_HERE.remove(key);
      }
    }
  }
}
