package io.sluice.controller.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/** A whole, validated Sluice config file: the controller and the services it switches. */
public record SluiceConfig(
    @NotNull ControllerConfig controller, @NotNull @Size(min = 1) List<ServiceConfig> services) {

  public SluiceConfig {
    services = Immutable.list(services);
  }

  public Optional<ServiceConfig> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The routes of {@code service}, with the controller's observeOnly in their safeguards. */
  public List<RouteSettings> routes(ServiceConfig service) {
    return service.routes(controller.observeOnly());
  }
}
