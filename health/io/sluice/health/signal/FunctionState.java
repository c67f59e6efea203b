package io.sluice.health.signal;

import io.sluice.cloud.FunctionRef;
import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import java.time.Duration;
import java.util.Objects;

/**
 * GetFunction's view of a function. CLB can only forward to an {@code Event} function that is
 * {@code Active}; any other status (Creating, Updating, Deleting, ...Failed) or an {@code HTTP}
 * function cannot serve a CLB rule.
 */
public record FunctionState(FunctionRef function, String status, String type, String statusDesc) {
  public static final String ACTIVE = "Active";
  public static final String EVENT = "Event";

  public FunctionState {
    Objects.requireNonNull(function, "function");
    status = Objects.requireNonNullElse(status, "");
    type = Objects.requireNonNullElse(type, "");
    statusDesc = Objects.requireNonNullElse(statusDesc, "");
  }

  public ProbeOutcome outcome(Duration latency) {
    if (ACTIVE.equals(status) && EVENT.equals(type)) {
      return new ProbeOutcome.Up(latency);
    }
    if (status.isEmpty() || type.isEmpty()) {
      // An answer without Status or Type says nothing about the function.
      return new ProbeOutcome.Inconclusive(
          InconclusiveCause.CLOUD_API_ERROR,
          "GetFunction answered without "
              + (status.isEmpty() ? "Status" : "Type")
              + " for "
              + function);
    }
    return new ProbeOutcome.Down(
        DownReason.CLOUD_REPORTED_UNHEALTHY,
        function
            + " is "
            + status
            + " "
            + type
            + (statusDesc.isEmpty() ? "" : " (" + statusDesc + ")")
            + "; CLB needs an Active Event function");
  }
}
