package io.sluice.sandbox.dataplane.functions;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What runs when a function is invoked: a built-in (no process, for fast scenarios) or real Python
 * 3 code, so a person can deploy Tencent's own examples unchanged.
 */
public sealed interface FunctionCode {

  /** Returns this JSON text as the function's result every time. */
  record StaticResponse(String resultJson) implements FunctionCode {
    public StaticResponse {
      Objects.requireNonNull(resultJson, "resultJson");
    }
  }

  /**
   * Answers with an integration response whose body is the request body of a CLB event ({@code
   * payload}, or {@code body}), keeping its base64 flag and content type: a binary round trip.
   */
  record Echo() implements FunctionCode {}

  /**
   * A code folder and an SCF handler such as {@code index.main_handler} (module {@code index.py},
   * function {@code main_handler(event, context)}).
   */
  record Python(Path folder, String handler) implements FunctionCode {
    public Python {
      Objects.requireNonNull(folder, "folder");
      if (handler == null || !handler.matches("[A-Za-z_][\\w.]*\\.[A-Za-z_]\\w*")) {
        throw new IllegalArgumentException(
            "handler: must look like module.function, got " + handler);
      }
    }
  }
}
