package io.sluice.sandbox.cvm;

/**
 * The lifecycle states {@code DescribeInstancesStatus} reports (reference §6.1). Tests set them to
 * make a backend's host look stopped, rebooting or migrating, which the controller treats as a
 * cloud-side health signal.
 */
public enum InstanceState {
  PENDING,
  LAUNCH_FAILED,
  RUNNING,
  STOPPED,
  STARTING,
  STOPPING,
  REBOOTING,
  SHUTDOWN,
  TERMINATING,
  ENTER_RESCUE_MODE,
  RESCUE_MODE,
  EXIT_RESCUE_MODE,
  ENTER_SERVICE_LIVE_MIGRATE,
  SERVICE_LIVE_MIGRATE,
  EXIT_SERVICE_LIVE_MIGRATE
}
