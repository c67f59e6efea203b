package io.sluice.health.monitor;

import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.health.signal.ClbTargetHealth;
import io.sluice.health.signal.CvmInstanceState;
import io.sluice.health.signal.RuleTraffic;
import io.sluice.health.signal.ScfFunctionState;
import io.sluice.health.signal.SdkClbTargetHealth;
import io.sluice.health.signal.SdkCvmInstanceState;
import io.sluice.health.signal.SdkRuleTraffic;
import io.sluice.health.signal.SdkScfFunctionState;
import java.time.Clock;
import java.util.Objects;

/** The cloud APIs the {@link CloudSignal}s and load watches read, behind one value. */
public record CloudReaders(
    ClbTargetHealth clb, CvmInstanceState cvm, ScfFunctionState scf, RuleTraffic traffic) {
  public CloudReaders {
    Objects.requireNonNull(clb, "clb");
    Objects.requireNonNull(cvm, "cvm");
    Objects.requireNonNull(scf, "scf");
    Objects.requireNonNull(traffic, "traffic");
  }

  /** Every reader through the official SDK, behind the shared per-action guards. */
  public static CloudReaders sdk(CloudClients clients, CloudGuards guards, Clock clock) {
    return new CloudReaders(
        new SdkClbTargetHealth(clients, guards),
        new SdkCvmInstanceState(clients, guards),
        new SdkScfFunctionState(clients, guards),
        new SdkRuleTraffic(clients, guards, clock));
  }
}
