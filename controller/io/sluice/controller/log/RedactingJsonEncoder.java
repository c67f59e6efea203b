package io.sluice.controller.log;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code --log-format json}'s encoder: secrets masked ({@link Redaction}) in the message, the
 * exception messages and the MDC before the JSON encoder escapes them (after, an escaped quote
 * would hide {@code "token": "..."} from its rule). The message is written once, formatted and
 * masked, as {@code formattedMessage}; the raw pattern and its arguments are not written. Control
 * characters are escaped as in text lines, so a message reads the same in both formats (and a C1
 * control, which JSON leaves as it is, never reaches a terminal).
 */
public final class RedactingJsonEncoder extends JsonEncoder {
  public RedactingJsonEncoder() {
    setWithMessage(false);
    setWithArguments(false);
    setWithFormattedMessage(true);
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return Redaction.redact(super.encode(new RedactedEvent(event, Redaction::clean)));
  }
}
