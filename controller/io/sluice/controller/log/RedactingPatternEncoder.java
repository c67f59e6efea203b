package io.sluice.controller.log;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** logback.xml's text encoder, with secrets masked ({@link Redaction}). */
public final class RedactingPatternEncoder extends PatternLayoutEncoder {
  @Override
  public byte[] encode(ILoggingEvent event) {
    return Redaction.redact(super.encode(event));
  }
}
