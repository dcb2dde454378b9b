package dev.gatehouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoInstructionsTest {
  private static SampleMcpServer server;

  @BeforeAll
  static void start() throws Exception {
    server = SampleMcpServer.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void printedCurlSequenceWorksWhenPastedIntoAShell() throws Exception {
    // Run against the sample server directly: the same MCP conversation the demo user has
    // through the gateway, so a broken quote or header in the printed text fails here.
    String script = DemoInstructions.curlScript(server.endpoint().toString());
    Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();

    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("session: [0-9a-f]{32}\\n");
    assertThat(output)
        .contains("\"id\":2")
        .contains("ada.lovelace@example.com")
        .contains("4111 1111 1111 1111");
  }

  @Test
  void renderedTextNamesTheUrlAndTheBrowserHintIsOptional() {
    String with = DemoInstructions.render("http://127.0.0.1:8080/mcp/demo", "http://a", true);
    String without = DemoInstructions.render("http://127.0.0.1:8080/mcp/demo", "http://a", false);

    assertThat(with).contains("MCP endpoint:  http://127.0.0.1:8080/mcp/demo");
    assertThat(with).contains("URL=http://127.0.0.1:8080/mcp/demo");
    assertThat(with).contains("npx @modelcontextprotocol/inspector");
    assertThat(without).doesNotContain("inspector").contains("config/demo.yaml");
  }
}
