package io.sluice.controller.actuate.clb;

import io.sluice.cloud.CloudFailure;
import io.sluice.health.signal.CvmInstanceState;
import io.sluice.health.signal.InstanceStates;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link InstanceRegistry} through DescribeInstancesStatus. An instance is gone when the answer
 * leaves it out or says TERMINATING, SHUTDOWN (isolated, waiting to be destroyed) or LAUNCH_FAILED.
 * Whether the API names an unknown id in its answer or refuses the whole call with {@code
 * InvalidInstanceId.NotFound} is UNCONFIRMED: after such a refusal each id is asked about alone.
 */
final class SdkInstanceRegistry implements InstanceRegistry {
  static final Set<String> GONE_STATES =
      Set.of(InstanceStates.ABSENT, "TERMINATING", "SHUTDOWN", "LAUNCH_FAILED");
  static final String NOT_FOUND = "InvalidInstanceId.NotFound";
  static final int MAX_PER_CALL = 100;

  private final CvmInstanceState cvm;

  SdkInstanceRegistry(CvmInstanceState cvm) {
    this.cvm = cvm;
  }

  @Override
  public Future<Set<String>> gone(List<String> instanceIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(instanceIds));
    List<Future<Set<String>>> batches = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += MAX_PER_CALL) {
      batches.add(batch(ids.subList(i, Math.min(ids.size(), i + MAX_PER_CALL))));
    }
    return union(batches);
  }

  private Future<Set<String>> batch(List<String> ids) {
    return cvm.read(ids)
        .map(SdkInstanceRegistry::goneOf)
        .recover(
            failure -> {
              if (!NOT_FOUND.equals(CloudFailure.code(failure))) {
                return Future.failedFuture(failure);
              }
              if (ids.size() == 1) {
                return Future.succeededFuture(Set.copyOf(ids));
              }
              return union(ids.stream().map(id -> batch(List.of(id))).toList());
            });
  }

  private static Future<Set<String>> union(List<Future<Set<String>>> parts) {
    return Future.all(parts)
        .map(
            done -> {
              Set<String> all = new LinkedHashSet<>();
              parts.forEach(part -> all.addAll(part.result()));
              return all;
            });
  }

  private static Set<String> goneOf(InstanceStates states) {
    Set<String> gone = new LinkedHashSet<>();
    states
        .byInstance()
        .forEach(
            (id, state) -> {
              if (GONE_STATES.contains(state)) {
                gone.add(id);
              }
            });
    return gone;
  }
}
