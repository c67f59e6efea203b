package io.sluice.health.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A shard of healthy HTTP targets for {@link ProbeSoak}, run in a JVM of its own so that the
 * servers' CPU does not count as the prober's. Every target is its own listening socket on its own
 * loopback address (Linux routes all of 127/8 to lo), so that the prober sees each as a distinct
 * backend with its own keep-alive connection, as it would in production.
 *
 * <p>Protocol on stdout: one {@code ENDPOINT host port} line per target, then {@code READY}. When
 * stdin closes it prints {@code STATS connections requests stall-ms} and exits, where stall-ms is
 * the longest any of its event loops ran late after READY: a probe that timed out on a target whose
 * loop stalled that long says nothing about the prober. Other lines (logs) are ignored by the
 * reader.
 *
 * <p>Usage: {@code LoopbackTargets FIRST COUNT}, targets number FIRST to FIRST + COUNT - 1.
 */
public final class LoopbackTargets {
  private LoopbackTargets() {}

  /** The loopback address of target {@code index}: 127.77.0.1, …, 127.77.0.250, 127.77.1.1, … */
  static String address(int index) {
    return "127.77." + index / 250 + "." + (1 + index % 250);
  }

  public static void main(String[] args) throws Exception {
    int first = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    AtomicLong connections = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    List<Future<HttpServer>> listening = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      listening.add(
          vertx
              .createHttpServer()
              .connectionHandler(connection -> connections.incrementAndGet())
              .requestHandler(
                  request -> {
                    requests.incrementAndGet();
                    request.response().end("ok");
                  })
              .listen(0, address(i)));
    }
    Future.all(listening).await(60, TimeUnit.SECONDS);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append("ENDPOINT ")
          .append(address(first + i))
          .append(' ')
          .append(listening.get(i).result().actualPort())
          .append('\n');
    }
    LongSupplier worstStallNanos = StallMeter.onEveryLoop(vertx);
    System.out.print(out.append("READY\n"));
    System.out.flush();
    // the parent holds stdin open for as long as it wants the targets up
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (in.readLine() != null) {
        // nothing to read; waiting for the end of input
      }
    }
    System.out.println(
        "STATS "
            + connections.get()
            + " "
            + requests.get()
            + " "
            + TimeUnit.NANOSECONDS.toMillis(worstStallNanos.getAsLong()));
    System.out.flush();
    vertx.close().await(10, TimeUnit.SECONDS);
    System.exit(0);
  }
}
