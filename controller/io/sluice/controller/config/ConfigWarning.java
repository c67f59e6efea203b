package io.sluice.controller.config;

/**
 * A setting that is legal but dangerous, such as failing over on one lost probe: where it is, which
 * field, and why. {@code sluice validate --strict} treats each as an error.
 */
public record ConfigWarning(String file, int line, int column, String path, String reason) {
  /** {@code sluice.yaml:34:16 services[0].policy.minDwell: reason}, as a WARN log line says it. */
  public String located() {
    return file + ":" + line + ":" + column + " " + path + ": " + reason;
  }

  /** {@code WARN sluice.yaml:34:16 services[0].policy.minDwell: reason}. */
  @Override
  public String toString() {
    return "WARN " + located();
  }
}
