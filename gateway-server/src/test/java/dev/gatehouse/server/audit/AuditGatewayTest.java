package dev.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.demo.SampleMcpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit through the running gateway: every exchange a client sees, allowed or refused, is in the
 * log once with its identity, method, target, decision and status, and the log verifies offline.
 */
class AuditGatewayTest {
  private static final String AUDIENCE = "https://gatehouse.test";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  private HttpResponse<String> post(int port, String token, String session, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp/demo"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyExchangeIsRecordedOnceWithItsFieldsAndTheLogVerifies() throws Exception {
    AuditTestSupport.keygen(dir);
    MockOAuth2Server idp = new MockOAuth2Server();
    idp.start();
    try (SampleMcpServer upstream = SampleMcpServer.start("127.0.0.1", 0)) {
      String yaml =
          """
          listeners:
            mcp: {host: 127.0.0.1, port: 0}
            admin: {host: 127.0.0.1, port: 0}
          auth:
            issuers: [{issuer: %s}]
            audience: %s
          connections:
            demo:
              upstream: %s
              access:
                rules:
                  - name: support
                    groups: [support]
                    allow: {tools: [customer_lookup]}
          """
                  .formatted(idp.issuerUrl("corp"), AUDIENCE, upstream.endpoint())
              + AuditTestSupport.auditSection(dir);
      String token =
          idp.issueToken("corp", "sam", AUDIENCE, Map.of("groups", List.of("support")), 3600)
              .serialize();
      try (GatewayServer gateway =
          GatewayServer.start(ConfigLoader.fromString(yaml, "audit-test.yaml"))) {
        int port = gateway.mcpPort();
        HttpResponse<String> init =
            post(
                port,
                token,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":\"init-1\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertThat(init.statusCode()).isEqualTo(200);
        String session = init.headers().firstValue("mcp-session-id").orElseThrow();
        assertThat(
                post(
                        port,
                        token,
                        session,
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                    .statusCode())
            .isEqualTo(202);
        assertThat(
                post(
                        port,
                        token,
                        session,
                        "{\"jsonrpc\":\"2.0\",\"id\":\"call-ok\",\"method\":\"tools/call\",\"params\":{\"name\":\"customer_lookup\",\"arguments\":{\"query\":\"ada\"}}}")
                    .statusCode())
            .isEqualTo(200);
        assertThat(
                post(
                        port,
                        token,
                        session,
                        "{\"jsonrpc\":\"2.0\",\"id\":\"call-denied\",\"method\":\"tools/call\",\"params\":{\"name\":\"delete_record\",\"arguments\":{\"table\":\"t\",\"id\":\"1\"}}}")
                    .statusCode())
            .isEqualTo(403);
        assertThat(post(port, token, session, "{not json").statusCode()).isEqualTo(400);
      }
    } finally {
      idp.shutdown();
    }

    assertThat(AuditTestSupport.verify(dir).ok()).isTrue();
    List<JsonNode> records = AuditTestSupport.records(dir);
    assertThat(records.get(0).path("type").asText()).isEqualTo("gateway-start");
    assertThat(records.get(records.size() - 1).path("type").asText()).isEqualTo("gateway-stop");
    List<JsonNode> exchanges =
        records.stream().filter(r -> r.path("type").asText().equals("exchange")).toList();
    assertThat(exchanges).hasSize(5);

    JsonNode allowed = byId(exchanges, "call-ok");
    assertThat(allowed.path("identity").path("subject").asText()).isEqualTo("sam");
    assertThat(allowed.path("identity").path("groups").toString()).contains("support");
    assertThat(allowed.path("method").asText()).isEqualTo("tools/call");
    assertThat(allowed.path("target").asText()).isEqualTo("customer_lookup");
    assertThat(allowed.path("request").path("arguments").path("query").asText()).isEqualTo("ada");
    assertThat(allowed.path("response").path("result").isObject()).isTrue();
    assertThat(allowed.path("decision").path("outcome").asText()).isEqualTo("allowed");
    assertThat(allowed.path("upstreamStatus").asInt()).isEqualTo(200);
    assertThat(allowed.path("connection").asText()).isEqualTo("demo");
    assertThat(allowed.has("latencyMs")).isTrue();

    JsonNode denied = byId(exchanges, "call-denied");
    assertThat(denied.path("decision").path("outcome").asText()).isEqualTo("blocked");
    assertThat(denied.path("decision").path("rule").asText()).isNotEmpty();
    assertThat(denied.path("fromGateway").asBoolean()).isTrue();

    assertThat(
            exchanges.stream()
                .filter(r -> r.path("decision").path("outcome").asText().equals("invalid"))
                .count())
        .isEqualTo(1);
    assertThat(exchanges.stream().filter(r -> r.path("httpStatus").asInt() == 202).count())
        .isEqualTo(1);
  }

  private static JsonNode byId(List<JsonNode> exchanges, String id) {
    List<JsonNode> matches =
        exchanges.stream().filter(r -> r.path("jsonrpcId").asText().equals(id)).toList();
    assertThat(matches).as("records for %s", id).hasSize(1);
    return matches.get(0);
  }
}
