package io.sluice.controller.notify;

/**
 * Where the controller hands notifications. {@link #publish} never blocks and never throws: it is
 * called from the tick loop and, for overrides, from the API.
 */
public interface Notifications {

  /** Nothing is sent. */
  Notifications NONE = notification -> {};

  void publish(Notification notification);
}
