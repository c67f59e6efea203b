package io.sluice.controller.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Shop's clients asking one front door (a CLB VIP or HAProxy's frontend): a request every {@link
 * #PACE}, each on a new connection as a browser behind a NAT would, sent whether or not the ones
 * before have been answered (a front door that holds requests while it retries must not slow the
 * clients down, or it would hide its own delay), until SCF answers: when the first SCF answer came
 * and how many requests failed.
 */
final class Sampler {
  static final String SHOP = "shop.sluice.local";
  static final Duration PACE = Duration.ofMillis(10);
  private static final Duration BOUND = Duration.ofSeconds(60);
  // the checks' interval in the benchmarks' worlds
  private static final Duration PHASE = Duration.ofSeconds(1);
  // how long a request may be held (HAProxy retries a refused connection after a second, thrice)
  private static final int READ_TIMEOUT_MS = 10_000;

  /** When the fault came, the first SCF answer after it, and the requests that failed between. */
  record Served(Instant fault, Instant at, int failed) {}

  private Sampler() {}

  /**
   * Runs {@code fault}, then asks {@code port} until SCF answers.
   *
   * @throws IllegalStateException when SCF has not answered within a minute
   */
  static Served untilScf(int port, Runnable fault) throws InterruptedException {
    // the harness reached its steady state on the checks' own schedule: start the fault at a
    // random point of their interval, or every run would hit the same phase of it
    Thread.sleep(ThreadLocalRandom.current().nextLong(PHASE.toMillis()));
    Instant at = Instant.now();
    Asked asked = ask(() -> port, "scf", Duration.ZERO, fault);
    return new Served(at, asked.first(), asked.failed());
  }

  /**
   * Runs {@code change}, then asks {@code port} until {@code who} answers and for {@code after}
   * more: how many requests failed meanwhile.
   *
   * @throws IllegalStateException when {@code who} has not answered within a minute
   */
  static int untilAnswer(int port, String who, Duration after, Runnable change)
      throws InterruptedException {
    return untilAnswer(() -> port, who, after, change);
  }

  /**
   * As {@link #untilAnswer(int, String, Duration, Runnable)}, each request going to the port {@code
   * door} names at that moment (a client that resolves the name first); a door of -1 is a failed
   * request.
   */
  static int untilAnswer(IntSupplier door, String who, Duration after, Runnable change)
      throws InterruptedException {
    return ask(door, who, after, change).failed();
  }

  /** When {@code who} first answered, and the requests that failed. */
  private record Asked(Instant first, int failed) {}

  private static Asked ask(IntSupplier door, String who, Duration after, Runnable change)
      throws InterruptedException {
    AtomicReference<Instant> first = new AtomicReference<>();
    AtomicInteger failed = new AtomicInteger();
    List<Thread> requests = new ArrayList<>();
    change.run();
    long deadline = System.nanoTime() + BOUND.toNanos();
    long end = Long.MAX_VALUE;
    while (System.nanoTime() - Math.min(deadline, end) < 0) {
      long next = System.nanoTime() + PACE.toNanos();
      requests.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int port = door.getAsInt();
                    String answer = port < 0 ? "other" : ask(port);
                    if (answer.equals(who)) {
                      first.compareAndSet(null, Instant.now());
                    } else if (answer.equals("other")) {
                      failed.incrementAndGet();
                    }
                  }));
      if (end == Long.MAX_VALUE && first.get() != null) {
        end = System.nanoTime() + after.toNanos();
      }
      pauseUntil(next);
    }
    for (Thread request : requests) {
      request.join();
    }
    if (first.get() == null) {
      throw new IllegalStateException(who + " did not answer within " + BOUND);
    }
    return new Asked(first.get(), failed.get());
  }

  /** A harness's pacing, not a test's wait. */
  static void pauseUntil(long nanos) {
    long left = nanos - System.nanoTime();
    if (left > 0) {
      LockSupport.parkNanos(left);
    }
  }

  /** {@code scf}, {@code cvm} or {@code other}: who answered shop on {@code port}. */
  static String ask(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MS);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + SHOP + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      try (InputStream in = socket.getInputStream()) {
        String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (reply.contains("Hello CLB")) {
          return "scf";
        }
        return reply.startsWith("HTTP/1.1 200") ? "cvm" : "other";
      }
    } catch (IOException e) {
      return "other";
    }
  }
}
