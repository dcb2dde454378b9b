package dev.gatehouse.server.cli;

import dev.gatehouse.server.config.ConfigSummary;
import dev.gatehouse.server.demo.DemoGateway;
import dev.gatehouse.server.demo.DemoInstructions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse demo}: the gateway in front of the built-in sample MCP server, on loopback, with
 * nothing else needed. Prints the URL for a client and a curl sequence to paste.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the gateway in front of a built-in sample MCP server (needs nothing but a JDK).",
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
      names = "--no-browser-hints",
      description = "Do not print how to open the demo in the browser-based MCP Inspector.")
  boolean noBrowserHints;

  @Override
  public Integer call() throws IOException, InterruptedException {
    DemoGateway demo = start();
    Shutdown.onSignal("gatehouse-demo-shutdown", demo::close);
    demo.gateway().awaitShutdown();
    return ExitCodes.OK;
  }

  /** Starts the demo and prints the instructions; the caller owns the returned demo. */
  DemoGateway start() throws IOException {
    int admin = adminPort != null ? adminPort : port == 0 ? 0 : port + 1;
    DemoGateway demo = DemoGateway.start(port, admin, samplePort);
    log.info("sample MCP server on {}", demo.sample().endpoint());
    ConfigSummary.lines(demo.config()).forEach(log::info);
    PrintWriter out = spec.commandLine().getOut();
    out.print(DemoInstructions.render(demo.mcpUrl(), demo.adminUrl(), !noBrowserHints));
    out.flush();
    return demo;
  }
}
