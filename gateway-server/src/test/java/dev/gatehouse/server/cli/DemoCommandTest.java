package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.demo.DemoGateway;
import dev.gatehouse.server.demo.DemoIdentity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void demoCommandStartsTheSampleBehindTheGatewayAndPrintsHowToCallIt(@TempDir Path dir)
      throws Exception {
    CommandLine cli = new CommandLine(new GatehouseCli());
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    Path demoDir = dir.resolve("demo-files");
    CommandLine.ParseResult parsed =
        cli.parseArgs("demo", "--port", "0", "--no-browser-hints", "--dir", demoDir.toString());
    DemoCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();

    try (DemoGateway demo = command.start()) {
      String printed = out.toString();
      assertThat(printed)
          .contains("MCP endpoint:  " + demo.mcpUrl())
          .contains("tools/call")
          .contains("customer_lookup")
          .contains("Mcp-Session-Id: $2")
          .contains("SUPPORT_TOKEN=" + demo.token(DemoIdentity.SUPPORT) + "\n")
          .contains("./gatehouse audit verify " + demoDir.resolve("audit"))
          .doesNotContain("inspector");
      // The audit key was made on this first run, where --dir said.
      assertThat(demoDir.resolve("audit.key")).isRegularFile();
      assertThat(demoDir.resolve("audit.pub")).isRegularFile();
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
    assertThat(command.dir).isEqualTo(Path.of("gatehouse-demo"));
  }

  @Test
  void aDemoDirectoryWhoseAuditKeyIsGoneIsRefusedWithAHintAndNoStackTrace(@TempDir Path dir)
      throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("audit"));
    java.nio.file.Files.writeString(dir.resolve("audit/segment-000001.log"), "{}\n");

    CliRun run = CliRun.of("demo", "--port", "0", "--dir", dir.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("error: ").contains("delete " + dir).doesNotContain("\tat ");
  }
}
