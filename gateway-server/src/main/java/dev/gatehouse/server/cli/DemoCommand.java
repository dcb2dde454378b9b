package dev.gatehouse.server.cli;

import dev.gatehouse.server.config.ConfigSummary;
import dev.gatehouse.server.demo.DemoFiles;
import dev.gatehouse.server.demo.DemoGateway;
import dev.gatehouse.server.demo.DemoInstructions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse demo}: the gateway in front of the built-in sample MCP server, on loopback, with
 * nothing else needed: a development token issuer for four demo identities with different access,
 * and an audit log in {@code --dir}. Prints the URL for a client, the tokens, a curl sequence to
 * paste, and how to read and verify the audit log.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the gateway in front of a built-in sample MCP server (needs nothing but a JDK),",
      "with a DEVELOPMENT ONLY token issuer for four demo identities and an audit log.",
      "Listens on 127.0.0.1 only; stop with Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger("gatehouse");

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "P",
      description = "MCP listener port (default ${DEFAULT-VALUE}; 0 picks a free port).")
  int port;

  @Option(
      names = "--admin-port",
      paramLabel = "P",
      description =
          "Admin listener port (default: the MCP port + 1, or a free port with --port 0).")
  Integer adminPort;

  @Option(
      names = "--sample-port",
      defaultValue = "0",
      paramLabel = "P",
      description = "Sample MCP server port (default: a free port).")
  int samplePort;

  @Option(
      names = "--dir",
      defaultValue = "gatehouse-demo",
      paramLabel = "DIR",
      description =
          "Where the demo keeps its audit log and audit signing key (created on the first run;"
              + " default ${DEFAULT-VALUE} under the working directory).")
  Path dir;

  @Option(
      names = "--no-browser-hints",
      description = "Do not print how to open the demo in the browser-based MCP Inspector.")
  boolean noBrowserHints;

  @Override
  public Integer call() throws IOException, InterruptedException {
    DemoGateway demo;
    try {
      demo = start();
    } catch (DemoFiles.Unusable e) {
      // An expected state of the user's directory, not a bug: the message alone, no stack trace.
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    Shutdown.onSignal("gatehouse-demo-shutdown", demo::close);
    demo.gateway().awaitShutdown();
    return ExitCodes.OK;
  }

  /** Starts the demo and prints the instructions; the caller owns the returned demo. */
  DemoGateway start() throws IOException {
    int admin = adminPort != null ? adminPort : port == 0 ? 0 : port + 1;
    DemoGateway demo = DemoGateway.start(port, admin, samplePort, new DemoFiles(dir));
    log.info("sample MCP server on {}", demo.sample().endpoint());
    ConfigSummary.lines(demo.config()).forEach(log::info);
    PrintWriter out = spec.commandLine().getOut();
    out.print(DemoInstructions.render(demo, !noBrowserHints));
    out.flush();
    return demo;
  }
}
