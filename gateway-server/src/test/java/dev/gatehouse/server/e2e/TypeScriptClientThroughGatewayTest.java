package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.e2e.support.ClientE2eRun;
import dev.gatehouse.server.e2e.support.ConformanceBehindGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official TypeScript SDK client ({@code testing/node/client-e2e.mjs}) through the gateway to
 * upstream A: every Streamable HTTP feature a real client uses, server-to-client requests and
 * stream resumption included.
 */
class TypeScriptClientThroughGatewayTest {
  @RegisterExtension
  static final ConformanceBehindGateway ENV = new ConformanceBehindGateway("ts-client");

  @Test
  void everyClientCheckPassesThroughTheGateway() {
    ClientE2eRun run = ClientE2eRun.run(ENV.gateway().url("a"), ENV.logs(), "client-e2e");

    run.assertAllPassed(
        "initialize",
        "tools-list",
        "tools-call",
        "echo-headers",
        "resources-read",
        "prompts-get",
        "progress",
        "elicitation",
        "sampling",
        "get-resume",
        "delete-session");
    assertThat(run.detail("initialize").path("protocolVersion").asText()).isEqualTo("2025-11-25");
    assertThat(run.detail("progress").path("onWire").toString()).isEqualTo("[1,2,3,4,5]");
    assertThat(run.detail("get-resume").path("received").size()).isEqualTo(10);
    assertThat(run.detail("get-resume").path("dropped").asBoolean()).isTrue();
    assertThat(run.detail("get-resume").path("resumes").get(0).path("status").asInt())
        .isEqualTo(200);
    assertThat(run.detail("delete-session").path("afterDeleteStatus").asInt()).isEqualTo(404);
  }

  @Test
  void theClientsBearerTokenDoesNotReachTheUpstream() {
    ClientE2eRun run =
        ClientE2eRun.run(
            ENV.gateway().url("a"),
            ENV.logs(),
            "client-e2e-token",
            "--scenario",
            "echo-headers",
            "--token",
            "e2e-client-secret",
            "--assert-token-stripped");

    assertThat(run.failures()).as(run.describe()).isEmpty();
    assertThat(run.run().exitCode()).as(run.describe()).isZero();
    assertThat(run.detail("echo-headers").path("tokenReachedUpstream").asBoolean()).isFalse();
    assertThat(run.detail("echo-headers").path("headerNames").toString())
        .contains("mcp-session-id", "mcp-protocol-version");
  }
}
