package dev.gatehouse.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gatehouse config …}: configuration tools. */
@Command(
    name = "config",
    description = "Configuration tools.",
    mixinStandardHelpOptions = true,
    subcommands = {ConfigCheckCommand.class})
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: check");
  }
}
