package io.sluice.controller.config;

import io.sluice.controller.config.ControllerConfig.Api;

/** The API's time limits within their ranges; the schema bounds maxConnections itself. */
final class ApiLimitsValidator {
  private final Problems problems;

  ApiLimitsValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(Api api, ConfigPath at) {
    new DurationRange(Api.MIN_IDLE_TIMEOUT, Api.MAX_IDLE_TIMEOUT)
        .check(problems, api.idleTimeout(), at.key("idleTimeout"));
    new DurationRange(Api.MIN_HEADER_TIMEOUT, Api.MAX_HEADER_TIMEOUT)
        .check(problems, api.headerTimeout(), at.key("headerTimeout"));
    new DurationRange(Api.MIN_REQUEST_TIMEOUT, Api.MAX_REQUEST_TIMEOUT)
        .check(problems, api.requestTimeout(), at.key("requestTimeout"));
  }
}
