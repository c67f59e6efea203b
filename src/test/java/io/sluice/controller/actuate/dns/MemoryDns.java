package io.sluice.controller.actuate.dns;

import io.sluice.controller.actuate.Actuator;
import io.sluice.testing.CloudWeather;
import io.sluice.testing.CloudWeather.Fault;
import io.sluice.testing.Mutation;
import io.sluice.testing.VirtualTime;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One DNSPod record pair in memory, on a {@link VirtualTime}: the CVM record starts enabled at
 * weight 100, the SCF record disabled. A write takes effect when the cloud accepts it; the {@link
 * CloudWeather} makes calls throttled, failing (a write may still land) or hanging until the
 * guard's budget. Every change is reported as a {@link Mutation}.
 */
public final class MemoryDns {
  public static final String PIECE = "records";
  static final RecordPair PAIR = new RecordPair("example.com", "shop", 1001, 1002);

  private final VirtualTime time;
  private final CloudWeather weather;
  private final SplittableRandom random;
  private final Consumer<Mutation> mutations;
  private final Consumer<String> sent;
  private RecordState cvm = new RecordState(1001, "shop", true, 100);
  private RecordState scf = new RecordState(1002, "shop", false, 100);
  private int requests;

  public MemoryDns(
      VirtualTime time,
      CloudWeather weather,
      SplittableRandom random,
      Consumer<Mutation> mutations,
      Consumer<String> sent) {
    this.time = time;
    this.weather = weather;
    this.random = random;
    this.mutations = mutations;
    this.sent = sent;
  }

  /** A dns-weight actuator of a new process on this pair. */
  public Actuator actuator() {
    return new DnsWeightActuator(List.of(PAIR), new Api());
  }

  /** The pair's {cvm, scf} shares in percent; {0, 0} while the name resolves to nothing. */
  public int[] shares() {
    return shares(cvm, scf);
  }

  public boolean routesNothing() {
    return cvm.routedWeight() + scf.routedWeight() == 0;
  }

  public String describe() {
    return "cvm " + cvm.describe() + ", scf " + scf.describe();
  }

  private static int[] shares(RecordState cvm, RecordState scf) {
    return PairState.splitOf(cvm.routedWeight(), scf.routedWeight())
        .map(s -> new int[] {s.cvm(), s.scf()})
        .orElse(new int[] {0, 0});
  }

  private Duration latency() {
    return Duration.ofMillis(5 + random.nextInt(40));
  }

  private final class Api implements RecordApi {
    @Override
    public Future<RecordState> describe(String zone, long recordId) {
      Fault fault = weather.now();
      if (fault != Fault.NONE && fault != Fault.TASK_FAILS) {
        return failure(fault);
      }
      return time.later(latency(), () -> recordId == 1001 ? cvm : scf);
    }

    @Override
    public Future<String> write(RecordWrite write) {
      Fault fault = weather.now();
      if (fault == Fault.THROTTLED) {
        return failure(fault);
      }
      boolean lands = fault == Fault.NONE || fault == Fault.TASK_FAILS || random.nextBoolean();
      String requestId = "dns-" + ++requests;
      if (lands) {
        apply(write, requestId);
      }
      return fault == Fault.NONE || fault == Fault.TASK_FAILS
          ? time.later(latency(), () -> requestId)
          : failure(fault, requestId);
    }
  }

  private void apply(RecordWrite write, String requestId) {
    sent.accept(requestId);
    int[] before = shares();
    RecordState record = write.recordId() == 1001 ? cvm : scf;
    RecordState next =
        switch (write) {
          case RecordWrite.SetWeight w ->
              new RecordState(record.recordId(), record.subdomain(), record.enabled(), w.weight());
          case RecordWrite.SetStatus s ->
              new RecordState(record.recordId(), record.subdomain(), s.enable(), record.weight());
        };
    if (write.recordId() == 1001) {
      cvm = next;
    } else {
      scf = next;
    }
    mutations.accept(
        new Mutation(
            time.nanos(),
            PIECE,
            write.action(),
            write.target(),
            requestId,
            before,
            shares(),
            routesNothing()));
  }

  private <T> Future<T> failure(Fault fault) {
    return failure(fault, "rid-" + ++requests);
  }

  private <T> Future<T> failure(Fault fault, String requestId) {
    return weather.failure(fault, requestId, latency());
  }
}
