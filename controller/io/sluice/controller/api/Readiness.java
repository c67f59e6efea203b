package io.sluice.controller.api;

import java.util.List;

/**
 * What {@code /readyz} answers: ready once every route has read the cloud's routing. Changes
 * escalated as "switched but not moved" are listed in the body but do not make the daemon unready:
 * it still reconciles, and a load balancer taking it out of rotation would help no one.
 *
 * @param escalations "service/route: why" for each route whose change did not move traffic even
 *     after a retry
 */
public record Readiness(boolean ready, List<String> escalations) {
  /** Ready, with nothing escalated. */
  public static final Readiness READY = new Readiness(true, List.of());

  public Readiness {
    escalations = List.copyOf(escalations);
  }

  int status() {
    return ready ? 200 : 503;
  }

  String body() {
    StringBuilder text =
        new StringBuilder(ready ? "ready\n" : "starting: reading the cloud's routing\n");
    escalations.forEach(e -> text.append("escalated: ").append(e).append('\n'));
    return text.toString();
  }
}
