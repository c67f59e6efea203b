package io.sluice.controller.api;

import io.sluice.controller.config.ControllerConfig;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/**
 * Who is calling: a bearer token that hashes to a configured one, or (with mutual TLS) a client
 * certificate whose subject the config maps to a role. Neither: 401. The presented token is never
 * logged or echoed.
 */
final class Authenticator {
  static final String CALLER = "sluice.caller";
  private final TokenBook tokens;
  private final Map<String, ControllerConfig.ClientCert> certificates;

  Authenticator(ControllerConfig.Api api) {
    this.tokens = new TokenBook(api.tokens());
    this.certificates =
        api.tls().map(ControllerConfig.Tls::clients).orElse(List.of()).stream()
            .collect(
                Collectors.toMap(
                    c -> new X500Principal(c.subject()).getName(X500Principal.RFC2253),
                    Function.identity()));
  }

  /** Puts the caller into the context, or fails the request with 401. */
  void handle(RoutingContext ctx) {
    ctx.put(CALLER, authenticate(ctx));
    ctx.next();
  }

  Caller authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw unauthorized("the Authorization header must be 'Bearer TOKEN'");
      }
      return tokens
          .authenticate(header.substring(7).trim())
          .orElseThrow(() -> unauthorized("the bearer token matches no configured token"));
    }
    return certificate(ctx)
        .orElseThrow(() -> unauthorized("send 'Authorization: Bearer TOKEN' (see `sluice token`)"));
  }

  private Optional<Caller> certificate(RoutingContext ctx) {
    if (certificates.isEmpty() || !ctx.request().isSSL()) {
      return Optional.empty();
    }
    try {
      List<Certificate> chain = ctx.request().connection().peerCertificates();
      if (chain == null || chain.isEmpty() || !(chain.getFirst() instanceof X509Certificate x)) {
        return Optional.empty();
      }
      String subject = x.getSubjectX500Principal().getName(X500Principal.RFC2253);
      ControllerConfig.ClientCert mapped = certificates.get(subject);
      if (mapped == null) {
        throw unauthorized("client certificate " + subject + " is mapped to no role");
      }
      return Optional.of(new Caller(subject, mapped.role(), mapped.services()));
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  static Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.unauthorized(detail));
  }
}
