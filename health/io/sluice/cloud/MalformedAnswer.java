package io.sluice.cloud;

/**
 * An answer the cloud gave that parsed but that Sluice cannot use (a field every answer of its
 * action carries is missing, a value is out of its documented range). It is the cloud's fault, not
 * Sluice's: {@link CloudFailure#isCloudFault} says so, so it reads like a 5xx (retried, counted
 * against the breaker) and never raises the internal-error alarm.
 */
public class MalformedAnswer extends RuntimeException {
  public MalformedAnswer(String message) {
    super(message);
  }
}
