package io.sluice.health.probe;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a kept-alive channel can be reused for: probes from the same event loop to the same address,
 * over the same TLS session settings. The Host header, path and method are per request, so checks
 * that differ only in those share a channel.
 *
 * @param loop the event loop the channel lives on; a probe runs on its caller's loop
 * @param address the resolved address and port
 * @param tls the TLS settings, or null for plain HTTP
 */
record ChannelKey(EventLoop loop, InetSocketAddress address, Tls tls) {

  /**
   * @param serverName the SNI and the name the certificate is checked against
   */
  record Tls(String serverName, TlsSettings settings) {}

  /**
   * How a server's certificate is checked and what the client presents; one TLS context per
   * distinct value.
   */
  record TlsSettings(
      boolean verify,
      Optional<Path> trustedCertificates,
      Optional<Path> clientCertificate,
      Optional<Path> clientKey) {}

  static ChannelKey of(EventLoop loop, InetSocketAddress address, ProbeSpec spec) {
    return new ChannelKey(
        loop,
        address,
        spec.kind() == ProbeKind.HTTPS
            ? new Tls(
                spec.tlsServerName(),
                new TlsSettings(
                    spec.tlsVerify(),
                    spec.trustedCertificates(),
                    spec.clientCertificate(),
                    spec.clientKey()))
            : null);
  }
}
