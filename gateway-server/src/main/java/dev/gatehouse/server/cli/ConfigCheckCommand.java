package dev.gatehouse.server.cli;

import dev.gatehouse.server.config.FeatureSections;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ResolvedConfigWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse config check FILE}: validates the file exactly as {@code serve} would (secrets
 * resolved, so a missing variable is caught here and not at 3 a.m.) and prints the resolved
 * configuration, defaults filled in and secrets redacted.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a configuration file and print it resolved (defaults filled in, secrets redacted).",
      "Errors name the key and line: error: config key /x/y (line N): message"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the configuration is valid", "2:the configuration is invalid"})
final class ConfigCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The YAML configuration file.")
  Path file;

  @Override
  public Integer call() {
    GatehouseConfig config = FeatureSections.load(file);
    PrintWriter out = spec.commandLine().getOut();
    out.println("# " + file + ": valid");
    out.println("# sha256 " + config.sourceHash());
    out.print(ResolvedConfigWriter.toYaml(config));
    out.flush();
    return ExitCodes.OK;
  }
}
