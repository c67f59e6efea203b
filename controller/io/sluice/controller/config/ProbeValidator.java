package io.sluice.controller.config;

import io.sluice.policies.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of one probe that the schema cannot state, the same the prober's {@code ProbeSpec}
 * applies when the daemon starts: what {@code validate} accepts, {@code run} takes. As a last check
 * the probe is built as the daemon builds it, so a rule added to the prober and not here is still
 * found by {@code validate}, at the probe.
 */
final class ProbeValidator {
  private final Problems problems;

  ProbeValidator(Problems problems) {
    this.problems = problems;
  }

  /**
   * @param clb the backend's CLB, where a probe without a target goes; empty for a sentinel
   */
  void validate(ProbeConfig p, ConfigPath at, Optional<ClbTarget> clb) {
    timing(p, at);
    clientCertificate(p, at);
    if (p.bodyContains().isPresent() && p.bodyMatches().isPresent()) {
      problems.at(at.key("bodyMatches"), "give bodyContains or bodyMatches, not both");
    }
    p.bodyMatches().ifPresent(regex -> regex(regex, at.key("bodyMatches")));
    if (!problems.reportedWithin(at)) {
      buildsAsTheDaemonBuildsIt(p, at, clb);
    }
  }

  /**
   * More than zero each; the timeout below the interval (a probe slower than its interval would
   * overlap the next), the fast interval below the interval and the fast timeout, which needs a
   * fast interval, at most the fast interval. A side already reported is not compared again: its
   * default would only echo the first error.
   */
  private void timing(ProbeConfig p, ConfigPath at) {
    ConfigPath intervalAt = at.key("interval");
    ConfigPath timeoutAt = at.key("timeout");
    ConfigPath fastAt = at.key("fastInterval");
    positive(p.interval(), intervalAt);
    positive(p.timeout(), timeoutAt);
    Duration interval = problems.reportedWithin(intervalAt) ? null : p.interval();
    if (p.timeout() != null
        && interval != null
        && !p.timeout().isZero()
        && p.timeout().compareTo(interval) >= 0) {
      problems.at(
          timeoutAt,
          "must be less than interval ("
              + problems.shown(intervalAt, show(interval))
              + "), got "
              + show(p.timeout()));
    }
    if (interval == null) {
      return;
    }
    if (p.fastInterval().isPresent()) {
      Duration fast = p.fastInterval().get();
      if (fast.isZero() || fast.compareTo(interval) >= 0) {
        problems.at(
            fastAt,
            "must be more than 0s and less than interval ("
                + problems.shown(intervalAt, show(interval))
                + "), got "
                + show(fast));
      } else {
        fastTimeout(p, at, show(fast));
      }
    } else if (p.timeout() != null && !problems.reportedWithin(timeoutAt)) {
      fastTimeout(p, at, show(p.defaultFastInterval()) + ", its default");
    }
  }

  /** The fast timeout, if given, more than zero and at most the fast interval, shown as given. */
  private void fastTimeout(ProbeConfig p, ConfigPath at, String fastShown) {
    Duration fast = p.fastInterval().orElseGet(p::defaultFastInterval);
    p.fastTimeout()
        .filter(fastTimeout -> fastTimeout.isZero() || fastTimeout.compareTo(fast) > 0)
        .ifPresent(
            fastTimeout ->
                problems.at(
                    at.key("fastTimeout"),
                    "must be more than 0s and at most fastInterval ("
                        + fastShown
                        + "): while a verdict changes a probe starts every fastInterval, and one"
                        + " that may take longer would overlap the next, got "
                        + show(fastTimeout)));
  }

  private void regex(String regex, ConfigPath at) {
    try {
      java.util.regex.Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.at(
          at,
          "must be a valid regular expression ("
              + e.getDescription()
              + " at index "
              + e.getIndex()
              + "), got '"
              + regex
              + "'");
    }
  }

  private void clientCertificate(ProbeConfig p, ConfigPath at) {
    if (p.tlsClientCertificate().isPresent() != p.tlsClientKey().isPresent()) {
      String missing =
          p.tlsClientCertificate().isPresent() ? "tlsClientKey" : "tlsClientCertificate";
      problems.at(
          at.key(missing), "is required with the other of tlsClientCertificate and tlsClientKey");
      return;
    }
    if (p.tlsClientCertificate().isPresent() && p.type() != ProbeConfig.ProbeType.HTTPS) {
      problems.at(
          at.key("tlsClientCertificate"), "only for https probes, got type " + p.type().id());
    }
    readable(p.tlsClientCertificate(), at.key("tlsClientCertificate"));
    readable(p.tlsClientKey(), at.key("tlsClientKey"));
  }

  private void readable(Optional<String> file, ConfigPath at) {
    file.filter(name -> !Files.isReadable(Path.of(name)))
        .ifPresent(name -> problems.at(at, "must be a readable file, got '" + name + "'"));
  }

  /**
   * Builds the prober's spec as the daemon does at start; a refusal the rules above missed is
   * reported here rather than when the daemon starts. A probe with nothing to probe is reported by
   * the backend's or the sentinel's own rule.
   */
  private void buildsAsTheDaemonBuildsIt(ProbeConfig p, ConfigPath at, Optional<ClbTarget> clb) {
    if (p.type() == null
        || p.interval() == null
        || p.timeout() == null
        || p.method() == null
        || p.path() == null
        || p.expectStatus() == null) {
      return;
    }
    boolean hasTarget =
        clb.isPresent() ? p.targetFor(clb.get()).isPresent() : p.target().isPresent();
    if (!hasTarget) {
      return;
    }
    try {
      if (clb.isPresent()) {
        p.toSpec(clb.get());
      } else {
        p.toSpec();
      }
    } catch (IllegalArgumentException e) {
      problems.at(at, "the prober refuses this probe: " + e.getMessage());
    }
  }

  private void positive(Duration value, ConfigPath at) {
    if (value != null && value.isZero()) {
      problems.at(at, "must be more than 0s, got 0s");
    }
  }

  private static String show(Duration d) {
    return Durations.format(d);
  }
}
