package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.e2e.support.ClientE2eRun;
import dev.gatehouse.server.e2e.support.Fixture;
import dev.gatehouse.server.e2e.support.GatewayUnderTest;
import dev.gatehouse.server.e2e.support.Repo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An older client on the legacy HTTP+SSE transport (2024-11-05): the official TypeScript SDK's
 * {@code SSEClientTransport} through the gateway to upstream A's legacy endpoint. Every POST the
 * client makes goes to the {@code endpoint} the gateway rewrote, so passing checks show that the
 * client never talked to the upstream directly.
 */
class LegacySseClientThroughGatewayTest {
  private static Path logs;
  private static Fixture upstream;
  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() {
    Repo.requireNodeFixtures();
    logs = Repo.logDir("legacy-sse");
    upstream = Fixture.start("legacy-sse", logs);
    String base = "http://127.0.0.1:" + upstream.port();
    gateway =
        GatewayUnderTest.startYaml(
            """
            old:
              upstream: %s/mcp
              legacySseUpstream: %s/sse
            """
                .formatted(base, base),
            "");
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void everyLegacyClientCheckPassesThroughTheGateway() {
    ClientE2eRun run =
        ClientE2eRun.run(gateway.url("old") + "/sse", logs, "client-e2e-legacy", "--legacy-sse");

    run.assertAllPassed(
        "initialize",
        "tools-list",
        "tools-call",
        "echo-headers",
        "resources-read",
        "prompts-get",
        "progress",
        "elicitation",
        "sampling");
    assertThat(run.detail("progress").path("onWire").toString()).isEqualTo("[1,2,3,4,5]");
  }
}
