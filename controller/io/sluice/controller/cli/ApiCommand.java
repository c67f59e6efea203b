package io.sluice.controller.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What every API client command shares: the connection options, and printing the answer as JSON, as
 * a table, or as the problem with exit code 1 (2 when the API cannot be reached).
 */
abstract class ApiCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ApiClient api;

  /** The request to make. */
  abstract ApiClient.Answer request() throws IOException;

  /** The answer for people. */
  abstract void print(PrintWriter out, JsonObject body);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ApiClient.Answer answer;
    try {
      answer = request();
    } catch (IOException e) {
      err.println("sluice: " + e.getMessage());
      err.flush();
      return 2;
    }
    if (!answer.ok()) {
      err.println("sluice: " + answer.problem());
      err.flush();
      return 1;
    }
    if (api.json) {
      out.println(answer.body().encodePrettily());
    } else {
      print(out, answer.body());
    }
    out.flush();
    return 0;
  }

  static String path(String service) {
    return "/v1/services/"
        + java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8);
  }
}
