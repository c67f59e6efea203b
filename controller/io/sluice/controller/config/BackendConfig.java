package io.sluice.controller.config;

import io.sluice.cloud.FunctionRef;
import io.sluice.policies.Backend;
import io.sluice.policies.Prewarm;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One of a service's two backends: the CLB rule it sits behind and how its health is probed. */
public sealed interface BackendConfig permits BackendConfig.Cvm, BackendConfig.Scf {

  Backend kind();

  ClbTarget clb();

  List<ProbeConfig> probes();

  HealthConfig health();

  /** The names of the cloud signals this backend reads, as its down-only checks. */
  List<String> signalNames();

  /** CVM instances behind a CLB rule. */
  record Cvm(
      @NotNull ClbTarget clb,
      @NotNull @Size(min = 1) List<ProbeConfig> probes,
      HealthConfig health,
      Optional<SignalsConfig.Cvm> signals)
      implements BackendConfig {
    public Cvm {
      probes = Immutable.list(probes);
    }

    @Override
    public Backend kind() {
      return Backend.CVM;
    }

    @Override
    public List<String> signalNames() {
      List<String> names = new ArrayList<>();
      signals.ifPresent(
          s -> {
            s.clbTargetHealth().ifPresent(x -> names.add(SignalsConfig.CLB_TARGET_HEALTH));
            s.instanceState().ifPresent(x -> names.add(SignalsConfig.INSTANCE_STATE));
          });
      return names;
    }
  }

  /**
   * A cloud function bound to a layer-7 CLB rule.
   *
   * @param prewarm provisioned concurrency to ask for before traffic moves to the function
   */
  record Scf(
      @NotNull ClbTarget clb,
      @NotNull Function function,
      Optional<PrewarmConfig> prewarm,
      @NotNull @Size(min = 1) List<ProbeConfig> probes,
      HealthConfig health,
      Optional<SignalsConfig.Scf> signals)
      implements BackendConfig {
    public Scf {
      probes = Immutable.list(probes);
    }

    @Override
    public Backend kind() {
      return Backend.SCF;
    }

    @Override
    public List<String> signalNames() {
      return signals.flatMap(SignalsConfig.Scf::functionState).isPresent()
          ? List.of(SignalsConfig.FUNCTION_STATE)
          : List.of();
    }
  }

  /** The SCF function behind the rule. */
  record Function(String namespace, @NotNull String name, String qualifier) {
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String DEFAULT_QUALIFIER = "$LATEST";

    /** The function as the cloud API names it. */
    public FunctionRef ref() {
      return new FunctionRef(
          Objects.requireNonNullElse(namespace, DEFAULT_NAMESPACE),
          name,
          Objects.requireNonNullElse(qualifier, DEFAULT_QUALIFIER));
    }
  }

  /**
   * Provisioned concurrency for the function, asked {@code lead} before a scheduled window and
   * released after {@code releaseAfter} without traffic.
   *
   * @param waitFor how long a shift to SCF waits for the instances to be ready; past it the
   *     pre-warm is reported as timed out and traffic moves to SCF in steps
   */
  record PrewarmConfig(
      @NotNull @Min(1) @Max(10_000) int provisionedConcurrency,
      Duration lead,
      Duration releaseAfter,
      Duration waitFor) {
    public static final Duration DEFAULT_LEAD = Prewarm.DEFAULT_LEAD;
    public static final Duration DEFAULT_RELEASE_AFTER = Prewarm.DEFAULT_RELEASE_AFTER;

    /**
     * SCF's provisioning time is undocumented; a minute bounds what a failover with the primary
     * DOWN can lose to waiting.
     */
    public static final Duration DEFAULT_WAIT_FOR = Duration.ofSeconds(60);

    public static final Duration MIN_WAIT_FOR = Duration.ofSeconds(1);
    public static final Duration MAX_WAIT_FOR = Duration.ofMinutes(10);

    public Prewarm toPolicy() {
      return new Prewarm(lead, releaseAfter);
    }
  }
}
