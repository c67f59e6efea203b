package io.sluice.controller.daemon;

import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.clb.Backends;
import io.sluice.sandbox.dnspod.DnsAnswer;
import io.sluice.sandbox.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The sandbox of src/test/resources/faults/world.yaml, in this JVM, with shop's routing read back:
 * its rule on lb-cvm and its DNS answer. From the moment it starts it records every state of the
 * rule that routes to nothing, so a test can assert there was none.
 */
final class FaultCloud implements AutoCloseable {
  private final EmbeddedCloud cloud;
  private final List<String> emptyRules = new CopyOnWriteArrayList<>();

  private FaultCloud(EmbeddedCloud cloud) {
    this.cloud = cloud;
  }

  /** The world with its CLB tasks taking {@code taskDuration} (e.g. {@code 3s}). */
  static FaultCloud start(String taskDuration) throws IOException {
    return start(taskDuration, UnaryOperator.identity());
  }

  /** The same, with {@code edit} applied to world.yaml's text. */
  static FaultCloud start(String taskDuration, UnaryOperator<String> edit) throws IOException {
    return start(taskDuration, edit, System::nanoTime);
  }

  /** The same, with the sandbox's tasks and rate limits on {@code nanos}. */
  static FaultCloud start(String taskDuration, UnaryOperator<String> edit, LongSupplier nanos)
      throws IOException {
    String world =
        edit.apply(
            Files.readString(FaultWorld.DIR.resolve("world.yaml"))
                .replace("taskDuration: 100ms", "taskDuration: " + taskDuration));
    FaultCloud started =
        new FaultCloud(
            EmbeddedCloud.start(ScenarioLoader.parse("world.yaml", world), FaultWorld.DIR, nanos));
    started.watchRule();
    return started;
  }

  private void watchRule() {
    sandbox()
        .clb()
        .addChangeListener(
            lb -> {
              if (lb.loadBalancerId().equals(FaultWorld.LB)) {
                Backends now = rule();
                if (routesNowhere(now)) {
                  emptyRules.add(now.toString());
                }
              }
            });
  }

  static boolean routesNowhere(Backends rule) {
    return rule.targets().stream().noneMatch(t -> t.weight() > 0)
        && rule.functions().stream().noneMatch(f -> f.weight() > 0);
  }

  Sandbox sandbox() {
    return cloud.sandbox();
  }

  EmbeddedCloud embedded() {
    return cloud;
  }

  /** Every state of shop's rule since the start that had no weighted target. */
  List<String> rulesRoutingNowhere() {
    return List.copyOf(emptyRules);
  }

  /** Shop's rule on lb-cvm as the sandbox holds it now. */
  Backends rule() {
    return sandbox()
        .clb()
        .require(FaultWorld.LB)
        .listener("lbl-cvm")
        .orElseThrow()
        .rule("loc-shopcvm")
        .orElseThrow()
        .backends();
  }

  /** What the sandbox's DNS answers for shop now: the enabled records' values. */
  List<String> dnsAnswer() {
    return sandbox().dns().enabledRecords(FaultWorld.SHOP, "A").stream()
        .map(DnsAnswer::value)
        .toList();
  }

  /** Whether the rule holds the function alone and the DNS answers lb-scf alone. */
  boolean onScf() {
    Backends rule = rule();
    return rule.targets().isEmpty()
        && rule.functions().size() == 1
        && rule.functions().getFirst().function().name().equals(FaultWorld.FUNCTION)
        && dnsAnswer().equals(List.of("127.0.0.2"));
  }

  /** Whether the rule holds both CVM instances alone and the DNS answers lb-cvm alone. */
  boolean onCvm() {
    Backends rule = rule();
    return rule.functions().isEmpty()
        && rule.targets().size() == 2
        && dnsAnswer().equals(List.of("127.0.0.1"));
  }

  void stopCvm() {
    sandbox().instances().stop("ins-shop0001");
    sandbox().instances().stop("ins-shop0002");
    sandbox().reconcileInstances();
  }

  @Override
  public void close() {
    cloud.close();
  }
}
