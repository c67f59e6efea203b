package io.sluice.controller.config;

import io.sluice.policies.PolicySettings;
import java.util.Objects;

/**
 * One route of a service and the settings its policy runs with. A failover service has one route
 * named after the service; a diversion service has one per domain, named after the domain.
 */
public record RouteSettings(String route, PolicySettings settings) {
  public RouteSettings {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(settings, "settings");
  }
}
