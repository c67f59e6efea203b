package io.sluice.sandbox.cvm;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One emulated CVM instance: what CLB targets point at and what the controller asks the state of.
 *
 * @param instanceId {@code ins-} and eight lower-case letters or digits
 */
public record CvmInstance(String instanceId, String name, String privateIp, InstanceState state) {
  static final Pattern ID = Pattern.compile("ins-[a-z0-9]{8}");

  public CvmInstance {
    if (!ID.matcher(instanceId).matches()) {
      throw new IllegalArgumentException(
          "instanceId: must be ins- and 8 lower-case letters or digits, got " + instanceId);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(privateIp, "privateIp");
    Objects.requireNonNull(state, "state");
  }

  public CvmInstance withState(InstanceState newState) {
    return new CvmInstance(instanceId, name, privateIp, newState);
  }
}
