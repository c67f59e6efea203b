package io.sluice.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The real Logback events one logger emits while a test runs. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> source) {
    this.logger = (Logger) LoggerFactory.getLogger(source);
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures what {@code source}'s logger emits until closed. */
  public static LogCapture of(Class<?> source) {
    return new LogCapture(source);
  }

  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Each event's level and formatted message, as {@code WARN message}. */
  public List<String> lines() {
    return events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
