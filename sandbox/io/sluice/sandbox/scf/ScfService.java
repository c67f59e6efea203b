package io.sluice.sandbox.scf;

import io.sluice.sandbox.api.ServiceDefinition;
import io.sluice.sandbox.api.ServiceDefinition.Action;
import java.util.Map;

/**
 * Assembles the emulated SCF API (version 2018-04-16). Rate limits: Invoke 100/s and
 * PutProvisionedConcurrencyConfig 20/s (documented); GetFunction, GetProvisionedConcurrencyConfig
 * and DeleteProvisionedConcurrencyConfig 20/s (UNCONFIRMED, most SCF management APIs list 20/s).
 * {@code Invoke} is an {@link AsyncApiAction}.
 */
public final class ScfService {
  public static final String SERVICE = "scf";
  public static final String VERSION = "2018-04-16";

  private ScfService() {}

  public static ServiceDefinition definition(
      ScfState state, FunctionInvoker invoker, ProvisionedConcurrency provisioned) {
    ScfActions actions = new ScfActions(state, invoker, provisioned);
    AsyncApiAction invoke = actions::invoke;
    return new ServiceDefinition(
        SERVICE,
        VERSION,
        true,
        Map.of(
            "GetFunction", Action.read(20, actions::getFunction),
            "Invoke", Action.read(100, invoke),
            "PutProvisionedConcurrencyConfig",
                Action.write(20, actions::putProvisionedConcurrencyConfig),
            "GetProvisionedConcurrencyConfig",
                Action.read(20, actions::getProvisionedConcurrencyConfig),
            "DeleteProvisionedConcurrencyConfig",
                Action.write(20, actions::deleteProvisionedConcurrencyConfig)));
  }
}
