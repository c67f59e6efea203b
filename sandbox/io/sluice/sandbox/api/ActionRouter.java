package io.sluice.sandbox.api;

import java.util.List;

/**
 * Finds the product and action a call is for, from {@code X-TC-Version} and {@code X-TC-Action}
 * only: the {@code Host} and the signed service are useless for this (an IP endpoint signs service
 * {@code 127}), and an action name alone can exist in several products. A definition with the
 * call's version that has the action wins; an action no definition has is {@code InvalidAction}; an
 * action that exists, but not under the call's version, is {@code NoSuchVersion}.
 */
public final class ActionRouter {
  private final List<ServiceDefinition> definitions;

  /** A routed call: the product and its action. */
  public record Route(
      ServiceDefinition service, String actionName, ServiceDefinition.Action action) {}

  public ActionRouter(List<ServiceDefinition> definitions) {
    this.definitions = List.copyOf(definitions);
  }

  public Route route(String version, String action) {
    boolean actionExists = false;
    for (ServiceDefinition definition : definitions) {
      ServiceDefinition.Action found = definition.actions().get(action);
      if (found != null && definition.version().equals(version)) {
        return new Route(definition, action, found);
      }
      actionExists |= found != null;
    }
    if (actionExists) {
      throw new ApiException(
          "NoSuchVersion", "The API version `" + version + "` of `" + action + "` does not exist.");
    }
    throw new ApiException("InvalidAction", "The action `" + action + "` is not found.");
  }
}
