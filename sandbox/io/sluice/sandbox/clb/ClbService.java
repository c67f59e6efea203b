package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiAction;
import io.sluice.sandbox.api.ServiceDefinition;
import io.sluice.sandbox.api.ServiceDefinition.Action;
import io.sluice.sandbox.scf.ScfState;
import java.util.Map;

/**
 * Assembles the emulated CLB API (version 2018-03-17): the eleven actions Sluice uses, each limited
 * to the documented 20 calls per second, writes marked as mutations. Every action first lets the
 * {@link TaskEngine} complete due tasks, so what it reads matches the clock.
 */
public final class ClbService {
  public static final String SERVICE = "clb";
  public static final String VERSION = "2018-03-17";
  public static final int RATE_PER_SECOND = 20;

  private ClbService() {}

  /**
   * @param directory private IPs of CVM instances, from the sandbox's CVM model
   */
  public static ServiceDefinition definition(
      ClbState state,
      TaskEngine tasks,
      ScfState scf,
      TargetHealthBoard health,
      InstanceDirectory directory,
      ClbSettings settings) {
    ClbReads reads = new ClbReads(state, tasks, health, directory);
    ClbWrites writes =
        new ClbWrites(state, tasks, health, directory, new FunctionBindingCheck(scf), settings);
    Map<String, Action> actions =
        Map.ofEntries(
            read(tasks, "DescribeListeners", reads::describeListeners),
            read(tasks, "DescribeTargets", reads::describeTargets),
            read(tasks, "DescribeTargetHealth", reads::describeTargetHealth),
            read(tasks, "DescribeTaskStatus", reads::describeTaskStatus),
            write(tasks, "RegisterTargets", writes::registerTargets),
            write(tasks, "DeregisterTargets", writes::deregisterTargets),
            write(tasks, "ModifyTargetWeight", writes::modifyTargetWeight),
            write(tasks, "BatchModifyTargetWeight", writes::batchModifyTargetWeight),
            write(tasks, "RegisterFunctionTargets", writes::registerFunctionTargets),
            write(tasks, "DeregisterFunctionTargets", writes::deregisterFunctionTargets),
            write(tasks, "ModifyFunctionTargets", writes::modifyFunctionTargets));
    return new ServiceDefinition(SERVICE, VERSION, true, actions);
  }

  private static Map.Entry<String, Action> read(TaskEngine tasks, String name, ApiAction action) {
    return Map.entry(name, Action.read(RATE_PER_SECOND, afterPoll(tasks, action)));
  }

  private static Map.Entry<String, Action> write(TaskEngine tasks, String name, ApiAction action) {
    return Map.entry(name, Action.write(RATE_PER_SECOND, afterPoll(tasks, action)));
  }

  private static ApiAction afterPoll(TaskEngine tasks, ApiAction action) {
    return req -> {
      tasks.poll();
      return action.handle(req);
    };
  }
}
