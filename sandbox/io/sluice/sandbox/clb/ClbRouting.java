package io.sluice.sandbox.clb;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The read-only view of CLB state that the data plane routes by. It shows only changes whose async
 * task has completed, exactly as {@code DescribeTargets} does, and every {@link LoadBalancer} it
 * hands out is an immutable snapshot.
 */
public interface ClbRouting {
  List<LoadBalancer> loadBalancers();

  Optional<LoadBalancer> loadBalancer(String loadBalancerId);

  /**
   * Calls {@code onChange} with the new snapshot after every change to a load balancer, on the
   * thread that made it; the callback must be quick and must not write back.
   */
  void addChangeListener(Consumer<LoadBalancer> onChange);
}
