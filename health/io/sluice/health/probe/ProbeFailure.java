package io.sluice.health.probe;

import io.netty.channel.ConnectTimeoutException;
import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed connection or exchange into an outcome. A failure of the prober's own resolver
 * says nothing about the backend, and neither does an error this class does not recognise: both
 * read Inconclusive, so only failures that are evidence about the backend can count towards
 * failover.
 */
final class ProbeFailure {
  private ProbeFailure() {}

  /**
   * @param connected whether the probe already had a connection when it failed
   */
  static ProbeOutcome classify(Throwable failure, boolean connected) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      ProbeOutcome outcome = classifyOne(cause, connected);
      if (outcome != null) {
        return outcome;
      }
    }
    return new ProbeOutcome.Inconclusive(InconclusiveCause.NOT_MEASURED, describe(failure));
  }

  /** The probe's deadline passed before it had a connection. */
  static ProbeOutcome noConnectionInTime(ProbeSpec spec) {
    return down(
        DownReason.CONNECT_TIMEOUT,
        "no connection to " + spec.target() + " within " + spec.timeout().toMillis() + " ms");
  }

  /** The probe's deadline passed while the prober's resolver was still looking up the name. */
  static ProbeOutcome notResolvedInTime(ProbeSpec spec) {
    return new ProbeOutcome.Inconclusive(
        InconclusiveCause.LOCAL_RESOLVER,
        "'" + spec.host() + "' not resolved within " + spec.timeout().toMillis() + " ms");
  }

  private static ProbeOutcome classifyOne(Throwable cause, boolean connected) {
    String detail = describe(cause);
    if (cause instanceof UnknownHostException) {
      return new ProbeOutcome.Inconclusive(InconclusiveCause.LOCAL_RESOLVER, detail);
    }
    if (cause instanceof SSLException || cause instanceof CertificateException) {
      return down(DownReason.TLS_ERROR, detail);
    }
    if (cause instanceof ConnectTimeoutException
        || (cause instanceof TimeoutException && !connected)) {
      return down(DownReason.CONNECT_TIMEOUT, detail);
    }
    if (cause instanceof TimeoutException) {
      return down(DownReason.READ_TIMEOUT, detail);
    }
    if (cause instanceof ConnectException) {
      return down(DownReason.CONNECTION_REFUSED, detail);
    }
    if (cause instanceof ClosedChannelException
        || (cause instanceof IOException && mentionsReset(cause))) {
      return down(DownReason.CONNECTION_RESET, detail);
    }
    return null;
  }

  private static boolean mentionsReset(Throwable cause) {
    String message = cause.getMessage();
    return message != null && message.toLowerCase(Locale.ROOT).contains("reset");
  }

  private static ProbeOutcome down(DownReason reason, String detail) {
    return new ProbeOutcome.Down(reason, detail);
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
