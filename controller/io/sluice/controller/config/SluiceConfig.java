package io.sluice.controller.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * A whole, validated Sluice config file: the controller, the services it switches and where it
 * sends notifications.
 */
public record SluiceConfig(
    @NotNull ControllerConfig controller,
    @NotNull @Size(min = 1) List<ServiceConfig> services,
    NotificationsConfig notifications) {

  public SluiceConfig {
    services = Immutable.list(services);
    notifications = notifications == null ? NotificationsConfig.NONE : notifications;
  }

  /** A config without notifications. */
  public SluiceConfig(ControllerConfig controller, List<ServiceConfig> services) {
    this(controller, services, NotificationsConfig.NONE);
  }

  public Optional<ServiceConfig> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The routes of {@code service}, with the controller's observeOnly in their safeguards. */
  public List<RouteSettings> routes(ServiceConfig service) {
    return service.routes(controller.observeOnly());
  }
}
