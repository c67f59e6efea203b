package io.sluice.sandbox.clb;

/** The three states of a CLB async task, with the numbers {@code DescribeTaskStatus} returns. */
public enum TaskStatus {
  SUCCEEDED(0),
  FAILED(1),
  RUNNING(2);

  private final int code;

  TaskStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
