package io.sluice.controller.cli;

import io.sluice.controller.config.CheckedConfig;
import io.sluice.controller.config.ConfigException;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.ConfigWarning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice validate -c FILE}: checks a config file and lists every mistake in it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check a config file; print OK or every error with its line and column, and a WARN line"
            + " for each legal but dangerous setting.")
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The config file.")
  Path file;

  @Option(
      names = "--strict",
      description =
          "Treat warnings as errors: exit 1 when the file has any legal but dangerous setting.")
  boolean strict;

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
      CheckedConfig checked = new ConfigLoader(env).read(file);
      List<ConfigWarning> warnings = checked.warnings();
      warnings.forEach(err::println);
      err.flush();
      if (strict && !warnings.isEmpty()) {
        err.println(
            "sluice: " + counted(warnings.size(), "warning") + ", and --strict refuses them");
        err.flush();
        return 1;
      }
      out.println(
          "OK: "
              + file
              + " ("
              + counted(checked.config().services().size(), "service")
              + (warnings.isEmpty() ? "" : ", " + counted(warnings.size(), "warning"))
              + ")");
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

  private static String counted(int n, String thing) {
    return n + " " + thing + (n == 1 ? "" : "s");
  }

  private static String reason(IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
  }
}
