package io.sluice.sandbox.clb;

import java.util.Optional;

/**
 * Where CLB learns a CVM instance's private IP (its primary ENI's primary IPv4). The assembler
 * backs it with the sandbox's CVM model; an instance it does not know cannot be registered.
 */
@FunctionalInterface
public interface InstanceDirectory {
  Optional<String> privateIp(String instanceId);
}
