package io.sluice.sandbox.clb;

/**
 * The six listener protocols CLB knows. Only HTTP and HTTPS listeners carry forwarding rules and
 * may front an SCF function; the others hold their targets directly.
 */
public enum ListenerProtocol {
  TCP,
  UDP,
  HTTP,
  HTTPS,
  TCP_SSL,
  QUIC;

  /** True for the layer-7 protocols, whose targets live on rules rather than on the listener. */
  public boolean hasRules() {
    return this == HTTP || this == HTTPS;
  }
}
