package dev.gatehouse.server.cli;

import dev.gatehouse.server.StartupOptionException;
import dev.gatehouse.server.config.ConfigException;
import java.io.PrintWriter;
import java.net.BindException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse}: the command line and the shaded jar's main class.
 *
 * <p>Exit codes (also in {@code --help}): {@value ExitCodes#OK} success; {@value ExitCodes#FAILURE}
 * the command failed at run time (a port in use, an upstream the demo cannot reach); {@value
 * ExitCodes#USAGE_OR_CONFIG} wrong usage or an invalid configuration file.
 */
@Command(
    name = "gatehouse",
    mixinStandardHelpOptions = true,
    versionProvider = GatehouseVersion.class,
    description = "Gatehouse: a Layer 7 gateway for MCP servers.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the command failed at run time",
      "2:wrong usage or an invalid configuration"
    },
    // The subcommand list. Each feature adds its command here (e.g. AuditCommand, TokenCommand).
    subcommands = {
      ServeCommand.class,
      ConfigCommand.class,
      DemoCommand.class,
      SampleServerCommand.class,
      TokenCommand.class,
      AuditCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class GatehouseCli implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is needed: serve, config check, demo, or --help");
  }

  /**
   * Netty's leak detector samples one buffer in 128 by default and records a stack trace for each
   * sampled one: about 2 % of the gateway's CPU per exchange. One in 1024 still reports a leak that
   * repeats (every real leak does) within seconds under load. Set only when the operator has not
   * (GATEHOUSE_JAVA_OPTS), and before any Netty class reads it; the tests run with paranoid
   * detection, which samples every buffer whatever this says.
   */
  static final String LEAK_SAMPLING_PROPERTY = "io.netty.leakDetection.samplingInterval";

  public static void main(String[] args) {
    if (System.getProperty(LEAK_SAMPLING_PROPERTY) == null) {
      System.setProperty(LEAK_SAMPLING_PROPERTY, "1024");
    }
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs one command line with the given streams and returns its exit code (tests use this). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new GatehouseCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException || e instanceof StartupOptionException) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_CONFIG;
          }
          BindException bind = bindFailure(e);
          if (bind != null) {
            // An expected operator error, not a bug: no stack trace.
            err.println(
                "error: cannot listen: "
                    + bind.getMessage()
                    + " (is another process using the port? choose another with --port)");
            return ExitCodes.FAILURE;
          }
          err.println("error: " + e.getMessage());
          // The stack trace helps a bug report; a one-line message alone would hide the cause.
          e.printStackTrace(err);
          return ExitCodes.FAILURE;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static BindException bindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException bind) {
        return bind;
      }
    }
    return null;
  }
}
