package dev.gatehouse.server.cli;

import dev.gatehouse.server.demo.SampleMcpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse sample-server}: only the demo's sample MCP server, so that {@code
 * config/demo.yaml} can be run with {@code gatehouse serve} (and so the sample can be tried without
 * the gateway, for comparison).
 */
@Command(
    name = "sample-server",
    mixinStandardHelpOptions = true,
    description = "Run the built-in sample MCP server alone (the upstream of the demo).")
final class SampleServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Bind address (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "3001",
      paramLabel = "P",
      description = "Port (default ${DEFAULT-VALUE}; 0 picks a free port).")
  int port;

  @Override
  public Integer call() throws IOException, InterruptedException {
    SampleMcpServer sample = SampleMcpServer.start(host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Shutdown.onSignal(
        "gatehouse-sample-shutdown",
        () -> {
          sample.close();
          stopped.countDown();
        });
    PrintWriter out = spec.commandLine().getOut();
    out.println("sample MCP server: " + sample.endpoint() + " (stop with Ctrl-C)");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
