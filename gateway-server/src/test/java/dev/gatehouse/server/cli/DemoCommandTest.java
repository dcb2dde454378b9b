package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.demo.DemoGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void demoCommandStartsTheSampleBehindTheGatewayAndPrintsHowToCallIt() throws Exception {
    CommandLine cli = new CommandLine(new GatehouseCli());
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    CommandLine.ParseResult parsed = cli.parseArgs("demo", "--port", "0", "--no-browser-hints");
    DemoCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();

    try (DemoGateway demo = command.start()) {
      String printed = out.toString();
      assertThat(printed)
          .contains("MCP endpoint:  " + demo.mcpUrl())
          .contains("tools/call")
          .contains("customer_lookup")
          .contains("Mcp-Session-Id: $SESSION")
          .doesNotContain("inspector");
      assertThat(demo.config().gateway().demo()).isTrue();
      assertThat(demo.config().listeners().mcp().port()).isZero();
      assertThat(demo.config().listeners().admin().port()).isZero();

      // The upstream the demo connection points at answers MCP.
      URI upstream = demo.config().connections().get("demo").upstream();
      HttpResponse<String> init =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(upstream)
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                  + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                  + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(init.statusCode()).isEqualTo(200);
      assertThat(init.headers().firstValue("Mcp-Session-Id")).isPresent();
    }
  }

  @Test
  void adminPortDefaultsToTheMcpPortPlusOne() {
    CommandLine cli = new CommandLine(new GatehouseCli());
    DemoCommand command =
        cli.parseArgs("demo", "--port", "9000")
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();

    assertThat(command.port).isEqualTo(9000);
    assertThat(command.adminPort).isNull();
    assertThat(command.noBrowserHints).isFalse();
  }
}
