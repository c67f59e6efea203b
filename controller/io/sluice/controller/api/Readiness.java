package io.sluice.controller.api;

import java.util.List;

/**
 * What {@code /readyz} answers: ready once every route has read the cloud's routing (so its policy
 * has started) and every backend has at least one probe or signal result (so a verdict rests on
 * something). Changes escalated as "switched but not moved" are listed in the body but do not make
 * the daemon unready: it still reconciles, and a load balancer taking it out of rotation would help
 * no one.
 *
 * @param cloudRead every route has read the cloud's routing
 * @param silent "service/backend" for each backend no check has reported on yet
 * @param escalations "service/route: why" for each route whose change did not move traffic even
 *     after a retry
 */
public record Readiness(boolean cloudRead, List<String> silent, List<String> escalations) {
  /** Ready, with nothing escalated. */
  public static final Readiness READY = new Readiness(true, List.of(), List.of());

  public Readiness {
    silent = List.copyOf(silent);
    escalations = List.copyOf(escalations);
  }

  public boolean ready() {
    return cloudRead && silent.isEmpty();
  }

  int status() {
    return ready() ? 200 : 503;
  }

  String body() {
    StringBuilder text = new StringBuilder();
    if (ready()) {
      text.append("ready\n");
    }
    if (!cloudRead) {
      text.append("starting: reading the cloud's routing\n");
    }
    silent.forEach(b -> text.append("starting: no probe result yet for ").append(b).append('\n'));
    escalations.forEach(e -> text.append("escalated: ").append(e).append('\n'));
    return text.toString();
  }
}
