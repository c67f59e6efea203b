package io.sluice.controller.log;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code --log-format json}'s encoder, with secrets masked ({@link Redaction}). */
public final class RedactingJsonEncoder extends JsonEncoder {
  @Override
  public byte[] encode(ILoggingEvent event) {
    return Redaction.redact(super.encode(event));
  }
}
