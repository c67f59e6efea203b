package io.sluice.controller.cli;

import io.sluice.controller.config.ConfigException;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice validate -c FILE}: checks a config file and lists every mistake in it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check a config file; print OK or every error with its line and column.")
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The config file.")
  Path file;

  /** Where {@code ${NAME}} references are looked up. */
  private final Function<String, String> env;

  ValidateCommand() {
    this(System::getenv);
  }

  ValidateCommand(Function<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      SluiceConfig config = new ConfigLoader(env).load(file);
      out.println("OK: " + file + " (" + config.services().size() + " services)");
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("sluice: cannot read " + file + ": " + reason(e));
      err.flush();
      return 1;
    } catch (ConfigException e) {
      e.errors().forEach(err::println);
      err.flush();
      return 1;
    }
  }

  private static String reason(IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
  }
}
