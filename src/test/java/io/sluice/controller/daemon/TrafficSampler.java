package io.sluice.controller.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks shop's VIP (with its Host header) and the sandbox's DNS answer, one after the other, in a
 * background thread until closed, and keeps what each sample got: {@code scf} (the function
 * answered), {@code cvm} (an instance answered), {@code gateway-error} (the rule routes to a
 * backend that is down: 502 or 504, the outage the failover ends), {@code no-target} (503: the rule
 * routes to nothing) or {@code no-answer}; and the DNS answers that were empty.
 */
final class TrafficSampler implements AutoCloseable {
  private final FaultCloud world;
  private final int port;
  private final List<String> vip = new CopyOnWriteArrayList<>();
  // when each VIP sample was answered, System.nanoTime(), in step with vip
  private final List<Long> answeredAt = new CopyOnWriteArrayList<>();
  private final List<Integer> emptyDnsAnswers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  TrafficSampler(FaultCloud world) {
    this.world = world;
    this.port = world.sandbox().vipPort(FaultWorld.LB, "lbl-cvm");
    this.thread = Thread.ofPlatform().daemon().name("traffic-sampler").start(this::loop);
  }

  private void loop() {
    while (running.get()) {
      String kind = sampleVip();
      answeredAt.add(System.nanoTime());
      vip.add(kind);
      if (world.dnsAnswer().isEmpty()) {
        emptyDnsAnswers.add(vip.size());
      }
    }
  }

  private String sampleVip() {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + FaultWorld.SHOP + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      try (InputStream in = socket.getInputStream()) {
        String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (reply.contains("Hello CLB")) {
          return "scf";
        } else if (reply.startsWith("HTTP/1.1 200")) {
          return "cvm";
        } else if (reply.startsWith("HTTP/1.1 503")) {
          return "no-target";
        } else if (reply.startsWith("HTTP/1.1 502") || reply.startsWith("HTTP/1.1 504")) {
          return "gateway-error";
        }
        return "other: " + reply.lines().findFirst().orElse("");
      }
    } catch (IOException e) {
      return "no-answer";
    }
  }

  /** How many samples got each kind of answer. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new TreeMap<>();
    vip.forEach(kind -> counts.merge(kind, 1, Integer::sum));
    return counts;
  }

  List<String> samples() {
    return List.copyOf(vip);
  }

  /**
   * The longest stretch in which every VIP sample got {@code kind}, measured from the answer before
   * the stretch to the answer after it: an upper bound on how long the VIP answered so; zero when
   * no sample did.
   */
  Duration longestRun(String kind) {
    List<String> kinds = samples();
    List<Long> at = List.copyOf(answeredAt);
    long longest = 0;
    int start = -1;
    for (int i = 0; i <= kinds.size(); i++) {
      boolean in = i < kinds.size() && kinds.get(i).equals(kind);
      if (in && start < 0) {
        start = i;
      } else if (!in && start >= 0) {
        long from = at.get(Math.max(0, start - 1));
        long to = at.get(Math.min(i, at.size() - 1));
        longest = Math.max(longest, to - from);
        start = -1;
      }
    }
    return Duration.ofNanos(longest);
  }

  /** Indices (into the VIP samples) at which the DNS answer for shop was empty. */
  List<Integer> emptyDnsAnswers() {
    return List.copyOf(emptyDnsAnswers);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
