package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code sluice run} reads its config as {@code validate} does, and logs the warnings at WARN. */
final class RunCommandTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(DaemonLaunch.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  @Test
  void logsEachConfigWarningAtWarnWithItsPosition(@TempDir Path dir) throws IOException {
    Path file = ValidateCommandTest.dangerous(dir);
    StringWriter err = new StringWriter();
    CommandLine cli = SluiceCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));

    // credentials source sandbox without --sandbox: refused after the config is read, before a
    // daemon starts
    int exit = cli.execute("run", "-c", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("controller.credentials.source is sandbox");
    assertThat(logged.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .startsWith(file + ":60:17 services[0].policy.minDwell: no dwell");
            });
  }
}
