package io.sluice.cloud;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused credentials at ERROR once per error code: an {@code AuthFailure.*} is a
 * configuration problem for a human (a wrong or rotated key, a clock skewed past the signature
 * window), not a cloud fault, and repeating it every probe round would bury it. The secret is never
 * logged, only the code and the action.
 */
final class CredentialAlarm {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialAlarm.class);

  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  void report(CloudAction action, Throwable failure) {
    if (!CloudFailure.isAuthFailure(failure)) {
      return;
    }
    String code = CloudFailure.code(failure);
    if (reported.add(code)) {
      LOG.error(
          "Cloud credentials refused with {} on {}: a configuration problem (check the secret id"
              + " and key, their rotation and the clock); cloud signals read Inconclusive"
              + " CREDENTIALS until fixed",
          code,
          action.apiName());
    }
  }

  /** The codes reported so far. */
  Set<String> reported() {
    return Set.copyOf(reported);
  }
}
