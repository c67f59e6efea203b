package io.sluice.controller.cli;

import io.sluice.controller.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command; its subcommands are listed here and only here. */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    version = "sluice 0.1.0",
    description = "Failover and diversion controller for Tencent Cloud CLB, SCF and DNSPod.",
    subcommands = {
      ValidateCommand.class,
      SchemaCommand.class,
      SimulateCommand.class,
      SandboxCommand.class,
      RunCommand.class,
      DemoCommand.class,
      StatusCommand.class,
      OverrideCommand.class,
      ResumeCommand.class,
      ExplainCommand.class,
      AuditCommand.class,
      TokenCommand.class,
      OpenApiCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SluiceCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
  }

  /** A command line ready to execute, for {@link #main} and for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new SluiceCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
