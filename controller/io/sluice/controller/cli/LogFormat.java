package io.sluice.controller.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.sluice.controller.log.RedactingJsonEncoder;
import org.slf4j.LoggerFactory;

/** How the daemon's log lines look: the pattern from logback.xml, or one JSON object per line. */
enum LogFormat {
  TEXT,
  JSON;

  /** Switches the console appenders to JSON lines (Logback's own encoder); text is the default. */
  void apply() {
    if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context
        .getLoggerList()
        .forEach(
            logger ->
                logger
                    .iteratorForAppenders()
                    .forEachRemaining(
                        appender -> {
                          if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                            JsonEncoder encoder = new RedactingJsonEncoder();
                            encoder.setContext(context);
                            encoder.start();
                            console.stop();
                            console.setEncoder(encoder);
                            console.start();
                          }
                        }));
  }
}
