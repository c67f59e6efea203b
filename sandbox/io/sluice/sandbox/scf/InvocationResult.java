package io.sluice.sandbox.scf;

/**
 * What one function execution produced, as {@code Invoke} reports it in {@code Result}.
 *
 * <p>How a function-level failure surfaces through Invoke is UNCONFIRMED. The sandbox's reading:
 * user-code errors, time-outs and memory limits are results (non-empty {@code errMsg} and a
 * non-zero {@code invokeResult} such as 430, 433, 434), not API errors; only a failure of the
 * platform itself (the invoker's future completing exceptionally) becomes the API error {@code
 * FailedOperation.InvokeFunction}.
 *
 * @param retMsg the function's return value, as a string
 * @param memUsageBytes memory used, in bytes
 * @param durationMs run time in milliseconds
 * @param billDurationMs billed time in milliseconds
 * @param invokeResult 0 for success; documented as no longer maintained
 */
public record InvocationResult(
    String retMsg,
    String errMsg,
    String log,
    long memUsageBytes,
    double durationMs,
    long billDurationMs,
    String functionRequestId,
    int invokeResult) {}
