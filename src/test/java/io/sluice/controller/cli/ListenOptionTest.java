package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --listen} is held to the rules {@code api.listen} is: the effective address is checked
 * before anything starts.
 */
final class ListenOptionTest {
  private static final Path WITH_TOKENS = Path.of("src/test/resources/api/sluice.yaml");
  @TempDir Path dir;

  private record Run(int code, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    int code =
        SluiceCommand.commandLine()
            .setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, err.toString());
  }

  @Test
  void tokensInPlainTextBeyondLoopbackAreRefused() {
    Run run = run("run", "-c", WITH_TOKENS.toString(), "--listen", "0.0.0.0:0");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("sluice: --listen 0.0.0.0:0: must be a loopback address without api.tls");
  }

  @Test
  void aNameLookingLikeLoopbackIsNotLoopbackWithoutTokens() throws Exception {
    Path config = dir.resolve("no-tokens.yaml");
    Files.writeString(
        config,
        Files.readString(WITH_TOKENS).replaceAll("(?s)    tokens:\n(      - [^\n]*\n)+", ""));

    Run run = run("run", "-c", config.toString(), "--listen", "127.attacker.example:7070");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .startsWith(
            "sluice: --listen 127.attacker.example:7070: must be a loopback address while"
                + " api.tokens is empty");
  }
}
