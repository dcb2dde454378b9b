package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.e2e.support.Fixture;
import dev.gatehouse.server.e2e.support.GatewayUnderTest;
import dev.gatehouse.server.e2e.support.RawMcp;
import dev.gatehouse.server.e2e.support.Repo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream faults with the real TypeScript SDK server (upstream A) behind the gateway: slow past
 * the response timeout, a TCP reset in the middle of an SSE reply, the process killed and
 * restarted. Each fault gets the documented status and JSON-RPC error carrying the request id, and
 * the next request succeeds. ({@code ProxyFaultsTest} covers the same with a scripted socket.)
 */
class RealUpstreamFaultsTest {
  private static final String SIMPLE_TEXT = "This is a simple text response for testing.";

  private static Path logs;

  /** Answers with application/json, so its response head waits for the tool's result. */
  private static Fixture jsonUpstream;

  /** Answers on SSE streams (the SDK default). */
  private static Fixture sseUpstream;

  /** Killed and restarted by one test. */
  private static Fixture crashing;

  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() {
    Repo.requireNodeFixtures();
    logs = Repo.logDir("faults");
    jsonUpstream = Fixture.start("conformance", 0, Map.of("FIXTURE_JSON_RESPONSE", "1"), logs);
    sseUpstream = Fixture.start("conformance", logs);
    crashing = Fixture.start("conformance", logs);
    gateway =
        GatewayUnderTest.start(
            Map.of(
                "json", jsonUpstream.mcpUrl(),
                "sse", sseUpstream.mcpUrl(),
                "crashing", crashing.mcpUrl()),
            // Short enough to keep the test quick, long enough that a normal call on a busy
            // machine never hits it; gh_slow below sleeps far longer.
            "timeouts: {response: 2s}\nhttp: {maxBodySize: 64KiB}");
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    for (Fixture f : new Fixture[] {jsonUpstream, sseUpstream, crashing}) {
      if (f != null) {
        f.close();
      }
    }
  }

  private static void assertSimpleCallSucceeds(RawMcp client, Object id) {
    RawMcp.Reply reply = client.callTool(id, "test_simple_text", "{}", null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.toolText(id)).as(reply.toString()).isEqualTo(SIMPLE_TEXT);
  }

  @Test
  void slowUpstreamGets504WithTheRequestIdThenTheNextCallSucceeds() {
    RawMcp client = new RawMcp(gateway.url("json"));
    client.initialize();

    RawMcp.Reply reply = client.callTool(41, "gh_slow", "{\"ms\":60000}", null);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(504);
    assertThat(reply.isSse()).isFalse();
    JsonNode error = reply.response(41);
    assertThat(error.path("jsonrpc").asText()).as(reply.toString()).isEqualTo("2.0");
    assertThat(error.path("error").path("code").asInt()).as(reply.toString()).isEqualTo(-32003);
    assertThat(error.path("error").path("message").asText()).isNotBlank();
    assertSimpleCallSucceeds(client, 42);
  }

  @Test
  void resetMidStreamEndsTheSseStreamWithAnErrorForTheRequestThenTheNextCallSucceeds() {
    RawMcp client = new RawMcp(gateway.url("sse"));
    client.initialize();

    RawMcp.Reply reply = client.callTool("reset-1", "gh_reset_mid_stream", "{}", "tok-reset");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.isSse()).as(reply.toString()).isTrue();
    List<JsonNode> messages = reply.messages();
    // The two progress notifications the upstream sent before the reset arrive intact…
    assertThat(
            messages.stream()
                .filter(m -> "notifications/progress".equals(m.path("method").asText()))
                .map(m -> m.path("params").path("progress").asInt())
                .toList())
        .as(reply.toString())
        .containsExactly(1, 2);
    // …and the stream ends with the gateway's error for this request, not a silent hang-up.
    JsonNode last = messages.get(messages.size() - 1);
    assertThat(last.path("id").asText()).as(reply.toString()).isEqualTo("reset-1");
    assertThat(last.path("error").path("code").asInt()).as(reply.toString()).isEqualTo(-32002);
    assertThat(last.has("result")).isFalse();
    assertSimpleCallSucceeds(client, "after-reset");
  }

  @Test
  void killedUpstreamGets502WithTheRequestIdAndARestartedOneServesANewSession() {
    RawMcp client = new RawMcp(gateway.url("crashing"));
    client.initialize();
    assertSimpleCallSucceeds(client, 1);
    String oldSession = client.sessionId();

    crashing.kill();
    RawMcp.Reply down = client.callTool(2, "test_simple_text", "{}", null);

    assertThat(down.status()).as(down.toString()).isEqualTo(502);
    assertThat(down.response(2).path("error").path("code").asInt())
        .as(down.toString())
        .isEqualTo(-32002);

    crashing = crashing.restartOnSamePort();
    // The new process does not know the old session: the client is told to start a new one…
    RawMcp.Reply stale = client.callTool(3, "test_simple_text", "{}", null);
    assertThat(stale.status()).as(stale.toString()).isEqualTo(404);
    // …and a new session works.
    RawMcp fresh = new RawMcp(gateway.url("crashing"));
    fresh.initialize();
    assertThat(fresh.sessionId()).isNotEqualTo(oldSession);
    assertSimpleCallSucceeds(fresh, 4);
  }

  @Test
  void malformedJsonGets400ParseErrorAndTheSessionCarriesOn() {
    RawMcp client = new RawMcp(gateway.url("sse"));
    client.initialize();

    RawMcp.Reply reply = client.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    JsonNode error = reply.messages().get(0);
    assertThat(error.path("error").path("code").asInt()).as(reply.toString()).isEqualTo(-32700);
    assertSimpleCallSucceeds(client, 6);
  }

  @Test
  void foreignOriginGets403AndTheSessionCarriesOn() {
    RawMcp client = new RawMcp(gateway.url("sse"));
    client.initialize();

    RawMcp.Reply reply =
        client.post(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}",
            Map.of("Origin", "http://evil.example"));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.body()).doesNotContain("test_simple_text");
    assertSimpleCallSucceeds(client, 8);
  }

  @Test
  void oversizeBodyGets413AndTheSessionCarriesOn() {
    RawMcp client = new RawMcp(gateway.url("sse"));
    client.initialize();

    String big = "x".repeat(100 * 1024); // the gateway here allows 64 KiB
    RawMcp.Reply reply = client.callTool(9, "gh_slow", "{\"ms\":0,\"pad\":\"" + big + "\"}", null);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
    assertSimpleCallSucceeds(client, 10);
  }
}
