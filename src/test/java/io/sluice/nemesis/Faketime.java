package io.sluice.nemesis;

import io.sluice.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A wall clock one replica sees and a test can jump, through libfaketime (Debian's {@code faketime}
 * package): the library reads the offset from a file on every call, so a write to the file jumps
 * the clock of the running process. The monotonic clock is left alone, as an NTP step leaves it. A
 * test that asks for it without the package installed fails naming the package.
 */
final class Faketime {
  static final String PACKAGE = "faketime";
  private static final List<Path> LIBRARIES =
      List.of(
          Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"),
          Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1"),
          Path.of("/usr/lib/faketime/libfaketimeMT.so.1"),
          Path.of("/usr/local/lib/faketime/libfaketimeMT.so.1"));

  private final Path library;
  private final Path offsetFile;

  private Faketime(Path library, Path offsetFile) {
    this.library = library;
    this.offsetFile = offsetFile;
  }

  /** True when the package is installed (the binary and its library). */
  static boolean available() {
    return ExternalTool.find("faketime").isPresent() && library().isPresent();
  }

  /**
   * A clock at offset zero, its offset kept in {@code offsetFile}; fails the calling test when the
   * {@code faketime} package is missing.
   */
  static Faketime require(Path offsetFile) throws IOException {
    String hint = "apt-get install " + PACKAGE;
    ExternalTool.require("faketime", hint);
    Path lib =
        library()
            .orElseGet(
                () ->
                    ExternalTool.require(
                        LIBRARIES.getFirst(), hint + "; libfaketimeMT.so.1 was not found"));
    Faketime clock = new Faketime(lib, offsetFile);
    clock.jumpTo(Duration.ZERO);
    return clock;
  }

  /** The environment a process needs to run on this clock. */
  Map<String, String> environment() {
    return Map.of(
        "LD_PRELOAD",
        library.toString(),
        "FAKETIME_TIMESTAMP_FILE",
        offsetFile.toAbsolutePath().toString(),
        "FAKETIME_NO_CACHE",
        "1",
        "FAKETIME_DONT_FAKE_MONOTONIC",
        "1",
        // 0.9.10 (Debian's) otherwise applies its "monotonic fix" to pthread_cond_timedwait on
        // the monotonic clock the JVM parks on, and every timed park returns at once: the JVM
        // spins and a replica never gets ready (libfaketime #425, #460, fixed upstream by #503).
        "FAKETIME_FORCE_MONOTONIC_FIX",
        "0");
  }

  /** Sets the clock's offset from real time (negative: back in time). */
  void jumpTo(Duration offset) throws IOException {
    Files.createDirectories(offsetFile.toAbsolutePath().getParent());
    long seconds = offset.toSeconds();
    Files.writeString(offsetFile, (seconds < 0 ? "" : "+") + seconds + "s\n");
  }

  private static Optional<Path> library() {
    return LIBRARIES.stream().filter(Files::isRegularFile).findFirst();
  }
}
