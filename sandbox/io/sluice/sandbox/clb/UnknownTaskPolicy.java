package io.sluice.sandbox.clb;

/**
 * How {@code DescribeTaskStatus} answers a TaskId it does not know (never issued, or completed so
 * long ago that the engine dropped it).
 *
 * <p>UNCONFIRMED: Tencent does not document it. The default {@link #ERROR} answers {@code
 * ResourceNotFound}, the conservative choice: a controller must not read an id it cannot find as a
 * success. {@link #SUCCEEDED} answers {@code Status} 0, for testing a lenient reading.
 */
public enum UnknownTaskPolicy {
  ERROR,
  SUCCEEDED
}
