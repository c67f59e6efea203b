package io.sluice.controller.api;

import io.sluice.controller.config.ControllerConfig.Role;
import java.util.List;
import java.util.Objects;

/**
 * Who is calling, once authenticated: the token id or certificate subject (the audit log's actor),
 * the role, and an operator's services.
 */
public record Caller(String actor, Role role, List<String> services) {
  public Caller {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(role, "role");
    services = List.copyOf(services);
  }

  /** Admins everywhere; operators on the services in their scope. */
  public boolean mayOverride(String service) {
    return role == Role.ADMIN || (role == Role.OPERATOR && services.contains(service));
  }

  /** Lifting a flap-budget freeze overrides a safeguard: admins only. */
  public boolean mayResume() {
    return role == Role.ADMIN;
  }
}
