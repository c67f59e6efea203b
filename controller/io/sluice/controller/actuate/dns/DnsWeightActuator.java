package io.sluice.controller.actuate.dns;

import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.ActuationException.Outcome;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code dns-weight}: moves a route's traffic by the weights of its DNSPod record pairs. A backend
 * with a share gets its record ENABLE with the share (percent) as its weight; a backend without one
 * gets its record DISABLE, since a disabled record does not resolve. Every pair of the route gets
 * the same split, in the order {@link WritePlan} explains.
 *
 * <p>{@link #apply} trusts record state, not the {@code actual} it is given: it reads every record
 * first, so a stale or partly applied state still yields the right writes, and a record that
 * already holds its value is not written. A name resolving to nothing (both records off) reads
 * UNKNOWN but can be applied to. A DNS change is not complete when the API call returns: resolvers
 * keep the old answer for the record's TTL and longer (reliability fault 9), which the policy's
 * minDwell accounts for.
 */
public final class DnsWeightActuator implements Actuator {
  /** Code of a name whose records are both off: a state, but not one a split can express. */
  static final String ROUTES_NOTHING = ActuationException.ROUTES_NOTHING;

  private final List<RecordPair> pairs;
  private final RecordApi calls;

  /**
   * @param records the route's record pairs (see {@link #recordsOf}); each needs both record ids
   */
  public DnsWeightActuator(
      List<ServiceConfig.DnsRecord> records, CloudClients clients, CloudGuards guards) {
    this(records.stream().map(RecordPair::of).toList(), new DnspodCalls(clients, guards));
  }

  /** An actuator on {@code pairs} through {@code calls}. */
  DnsWeightActuator(List<RecordPair> pairs, RecordApi calls) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("records: a dns-weight route needs at least one pair");
    }
    this.pairs = List.copyOf(pairs);
    this.calls = calls;
  }

  /**
   * The record pairs of one route: every pair of a failover service (the route named after it), or
   * the pair whose name is the diverted domain.
   *
   * @throws IllegalArgumentException when the route has no pair
   */
  public static List<ServiceConfig.DnsRecord> recordsOf(ServiceConfig service, String route) {
    List<ServiceConfig.DnsRecord> records =
        service.dns().map(ServiceConfig.Dns::records).orElse(List.of());
    boolean failover = service.policy().failover().isPresent();
    if (failover && !route.equals(service.name())) {
      throw new IllegalArgumentException(
          "service "
              + service.name()
              + ": a failover service has one route, named after it, not "
              + route);
    }
    List<ServiceConfig.DnsRecord> chosen =
        failover
            ? records
            : records.stream().filter(r -> r.domain().equalsIgnoreCase(route)).toList();
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "service " + service.name() + ": no dns.records pair for route " + route);
    }
    return chosen;
  }

  @Override
  public String kind() {
    return ServiceConfig.ActuatorKind.DNS_WEIGHT.id();
  }

  @Override
  public Future<Routing> read() {
    return readPairs().map(DnsWeightActuator::routing);
  }

  @Override
  public Future<Applied> apply(TrafficSplit desired, Routing actual, StepLog log) {
    return readPairs()
        .compose(
            before -> {
              List<RecordWrite> plan = WritePlan.of(before, desired);
              if (plan.isEmpty()) {
                // nothing written, so what was just read is what the cloud reports
                return Future.succeededFuture(
                    new Applied(routing(before), List.of(), Optional.empty()));
              }
              List<String> requestIds = new ArrayList<>();
              Future<Void> writes = Future.succeededFuture();
              for (RecordWrite write : plan) {
                writes = writes.compose(v -> write(write, log, requestIds));
              }
              return writes.compose(
                  v ->
                      read()
                          .map(after -> new Applied(after, requestIds, Optional.empty()))
                          .recover(
                              failure -> Future.failedFuture(withWrites(failure, requestIds))));
            });
  }

  /**
   * Announces, makes and reports one write; collects its RequestId. An announcement that could not
   * be made durable ends the plan ahead of the write: an intent that is not durable must not be
   * acted on.
   */
  private Future<Void> write(RecordWrite write, StepLog log, List<String> requestIds) {
    return log.before(write.action(), write.target(), write.value())
        .transform(
            durable ->
                durable.succeeded()
                    ? send(write, log, requestIds)
                    : Future.failedFuture(
                        ActuationException.notJournaled(durable.cause(), requestIds)));
  }

  private Future<Void> send(RecordWrite write, StepLog log, List<String> requestIds) {
    return calls
        .write(write)
        .transform(
            done -> {
              if (done.succeeded()) {
                requestIds.add(done.result());
                log.after(write.action(), write.target(), done.result(), "APPLIED");
                return Future.succeededFuture();
              }
              ActuationException failure = DnspodFailures.ofWrite(write, done.cause(), requestIds);
              log.after(
                  write.action(),
                  write.target(),
                  DnspodFailures.requestId(done.cause()),
                  failure.outcome() + ": " + DnspodFailures.describe(done.cause()));
              return Future.failedFuture(failure);
            });
  }

  /**
   * Every record of the route, one after another: a circuit that is half open after a fault lets
   * one trial call through, and two reads at once would fail one of them and the whole read.
   */
  private Future<List<PairState>> readPairs() {
    List<PairState> states = new ArrayList<>(pairs.size());
    Future<Void> chain = Future.succeededFuture();
    for (RecordPair pair : pairs) {
      chain =
          chain.compose(
              v ->
                  readPair(pair)
                      .map(
                          state -> {
                            states.add(state);
                            return (Void) null;
                          }));
    }
    return chain.map(v -> List.copyOf(states));
  }

  private Future<PairState> readPair(RecordPair pair) {
    return readRecord(pair, pair.cvmRecordId())
        .compose(
            cvm -> readRecord(pair, pair.scfRecordId()).map(scf -> PairState.of(pair, cvm, scf)));
  }

  private Future<RecordState> readRecord(RecordPair pair, long recordId) {
    return calls
        .describe(pair.zone(), recordId)
        .recover(
            failure ->
                Future.failedFuture(
                    DnspodFailures.ofRead(
                        "DescribeRecord " + pair.domain() + " record " + recordId, failure)));
  }

  /**
   * The route's routing: the first pair's split, and {@code uniform} when every pair has it.
   *
   * @throws ActuationException UNKNOWN when a name resolves to nothing
   */
  static Routing routing(List<PairState> states) {
    List<TrafficSplit> splits = new ArrayList<>();
    for (PairState state : states) {
      splits.add(
          state
              .split()
              .orElseThrow(
                  () ->
                      new ActuationException(
                          Outcome.UNKNOWN,
                          ROUTES_NOTHING,
                          state.detail() + ": both records are off, the name resolves to nothing",
                          List.of(),
                          null)));
    }
    String detail = states.stream().map(PairState::detail).collect(Collectors.joining("; "));
    boolean uniform = splits.stream().distinct().count() == 1;
    return new Routing(splits.getFirst(), detail, uniform, splits);
  }

  /** A read-back failure after writes, carrying those writes' RequestIds. */
  private static ActuationException withWrites(Throwable failure, List<String> requestIds) {
    ActuationException read =
        failure instanceof ActuationException known
            ? known
            : DnspodFailures.ofRead("read-back", failure);
    return new ActuationException(
        Outcome.UNKNOWN,
        read.code(),
        "written, but the read-back failed: " + read.getMessage(),
        requestIds,
        read);
  }
}
