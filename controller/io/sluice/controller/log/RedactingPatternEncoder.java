package io.sluice.controller.log;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * logback.xml's text encoder: secrets masked ({@link Redaction}) and control characters escaped in
 * the message, the exception messages and the MDC before the pattern lays the line out, so that one
 * event is one line; the laid-out line is masked once more as a net.
 */
public final class RedactingPatternEncoder extends PatternLayoutEncoder {
  @Override
  public byte[] encode(ILoggingEvent event) {
    return Redaction.redact(super.encode(new RedactedEvent(event, Redaction::clean)));
  }
}
