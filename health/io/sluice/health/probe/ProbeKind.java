package io.sluice.health.probe;

/** How a target is probed. */
public enum ProbeKind {
  HTTP,
  HTTPS,
  TCP
}
