package io.sluice.policies;

import java.time.Duration;

/**
 * SCF pre-warming as the policy sees it: ask for it before traffic moves to SCF, and release it
 * once SCF has carried no traffic for {@code releaseAfter}.
 *
 * @param lead how long before a scheduled window starts to pre-warm
 * @param releaseAfter how long SCF must be idle before the pre-warm is released
 */
public record Prewarm(Duration lead, Duration releaseAfter) {
  public static final Duration DEFAULT_LEAD = Duration.ofMinutes(10);
  public static final Duration DEFAULT_RELEASE_AFTER = Duration.ofMinutes(30);

  public Prewarm {
    Requirements.nonNegative("prewarm.lead", lead);
    Requirements.nonNegative("prewarm.releaseAfter", releaseAfter);
  }
}
