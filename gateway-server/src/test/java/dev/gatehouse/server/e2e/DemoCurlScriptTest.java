package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.demo.DemoGateway;
import dev.gatehouse.server.demo.DemoInstructions;
import dev.gatehouse.server.e2e.support.RawMcp;
import dev.gatehouse.server.e2e.support.Repo;
import dev.gatehouse.server.e2e.support.ScriptRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's demo, end to end: the curl commands {@code gatehouse demo} prints, pasted into bash
 * as a person would, call {@code customer_lookup} through the gateway.
 */
class DemoCurlScriptTest {

  @Test
  void thePrintedCurlScriptCallsCustomerLookupThroughTheGateway() throws Exception {
    Path logs = Repo.logDir("demo");
    try (DemoGateway demo = DemoGateway.start(0, 0, 0)) {
      String script = DemoInstructions.curlScript(demo.mcpUrl());
      // -e: any failing curl fails the script; pipefail covers the session-id pipeline.
      ScriptRun run =
          ScriptRun.run(
              List.of("bash", "-c", "set -eo pipefail\n" + script),
              logs,
              "curl-script",
              Duration.ofSeconds(60));

      assertThat(run.exitCode()).as(run.describe()).isZero();
      List<String> lines = run.stdout().lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines.get(0)).as(run.describe()).matches("session: [0-9A-Za-z._:-]+");
      // The tool call's reply: JSON, or one SSE event whose data is the JSON-RPC response.
      String reply = lines.get(lines.size() - 1);
      JsonNode response =
          RawMcp.JSON.readTree(reply.startsWith("data:") ? reply.substring(5) : reply);
      assertThat(response.path("id").asInt()).as(run.describe()).isEqualTo(2);
      assertThat(response.has("error")).as(run.describe()).isFalse();
      JsonNode customers = response.path("result").path("structuredContent").path("customers");
      assertThat(customers.size()).as(run.describe()).isEqualTo(1);
      assertThat(customers.get(0).path("name").asText()).isEqualTo("Ada Lovelace");
      assertThat(response.path("result").path("content").path(0).path("text").asText())
          .contains("Ada Lovelace");
    }
  }
}
