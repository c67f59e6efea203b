package io.sluice.health.probe;

import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;

/**
 * Measures one target once. The returned future always succeeds, within the spec's total timeout,
 * with an Up, a classified Down, or an Inconclusive outcome when the prober itself could not
 * measure.
 */
public interface Prober {

  Future<ProbeOutcome> probe(ProbeSpec spec);

  /** Releases the connections this prober holds; probes still in flight then complete. */
  Future<Void> close();

  /** HTTP and HTTPS specs to {@code http}, TCP specs to {@code tcp}; closing closes both. */
  static Prober byKind(Prober http, Prober tcp) {
    return new Prober() {
      @Override
      public Future<ProbeOutcome> probe(ProbeSpec spec) {
        return spec.kind() == ProbeKind.TCP ? tcp.probe(spec) : http.probe(spec);
      }

      @Override
      public Future<Void> close() {
        return Future.join(http.close(), tcp.close()).mapEmpty();
      }
    };
  }
}
