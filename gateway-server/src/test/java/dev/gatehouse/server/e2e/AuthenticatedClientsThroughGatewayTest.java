package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.server.e2e.support.ClientE2eRun;
import dev.gatehouse.server.e2e.support.Conformance;
import dev.gatehouse.server.e2e.support.Fixture;
import dev.gatehouse.server.e2e.support.GatewayUnderTest;
import dev.gatehouse.server.e2e.support.Repo;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity with real MCP clients through a gateway that requires tokens from a real OIDC provider:
 * the Java SDK client sees and calls only its identity's tools; the TypeScript SDK client runs its
 * whole check list with a bearer token that never reaches the upstream; another identity cannot
 * reuse a session; and the conformance suite still passes, through a test-side hop that adds the
 * Authorization header (a second Gatehouse whose connection credential is the token) — never a
 * switch that weakens the gateway under test.
 */
class AuthenticatedClientsThroughGatewayTest {
  private static final String AUDIENCE = "https://gatehouse.e2e";
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static Path logs;
  private static MockOAuth2Server idp;
  private static Fixture upstream;
  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() {
    Repo.requireNodeFixtures();
    logs = Repo.logDir("authenticated-clients");
    idp = new MockOAuth2Server();
    idp.start();
    upstream = Fixture.start("conformance", logs);
    gateway =
        GatewayUnderTest.startYaml(
            """
            a:
              upstream: %s
              access:
                rules:
                  - name: engineers
                    groups: [engineering]
                    allow: {tools: ["*"], resources: ["*"], prompts: ["*"], methods: ["*"]}
                  - name: support
                    groups: [support]
                    allow: {tools: [test_simple_text, gh_echo_headers]}
            """
                .formatted(upstream.mcpUrl()),
            """
            auth:
              issuers: [{issuer: %s}]
              audience: %s
            """
                .formatted(idp.issuerUrl("corp"), AUDIENCE));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (idp != null) {
      idp.shutdown();
    }
  }

  private static String token(String subject, String group) {
    return idp.issueToken("corp", subject, AUDIENCE, Map.of("groups", List.of(group)), 3600)
        .serialize();
  }

  private static McpSyncClient javaClient(String token) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(gateway.baseUrl())
            .endpoint("/mcp/a")
            .supportedProtocolVersions(List.of("2025-06-18"))
            .httpRequestCustomizer(
                (request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + token))
            .build();
    McpSyncClient client =
        McpClient.sync(transport).requestTimeout(DEADLINE).initializationTimeout(DEADLINE).build();
    client.initialize();
    return client;
  }

  @Test
  void theJavaSdkClientSeesAndCallsOnlyItsIdentitysTools() {
    McpSyncClient support = javaClient(token("sam", "support"));
    McpSyncClient engineer = javaClient(token("ada", "engineering"));
    try {
      assertThat(support.listTools().tools())
          .extracting(Tool::name)
          .containsExactlyInAnyOrder("test_simple_text", "gh_echo_headers");
      assertThat(engineer.listTools().tools())
          .extracting(Tool::name)
          .contains("test_image_content");

      CallToolResult allowed =
          support.callTool(CallToolRequest.builder("test_simple_text").arguments(Map.of()).build());
      assertThat(((TextContent) allowed.content().get(0)).text()).contains("simple text");

      assertThatThrownBy(
              () ->
                  support.callTool(
                      CallToolRequest.builder("test_image_content").arguments(Map.of()).build()))
          // A policy refusal is HTTP 403 (with a JSON-RPC error body); the SDK surfaces 403 as an
          // authorization failure of the transport.
          .isInstanceOf(McpHttpClientTransportAuthorizationException.class);
      assertThat(
              engineer
                  .callTool(
                      CallToolRequest.builder("test_image_content").arguments(Map.of()).build())
                  .isError())
          .isNotEqualTo(Boolean.TRUE);
    } finally {
      support.closeGracefully();
      engineer.closeGracefully();
    }
  }

  @Test
  void theTypeScriptSdkClientRunsWithABearerTokenThatNeverReachesTheUpstream() {
    ClientE2eRun run =
        ClientE2eRun.run(
            gateway.url("a"),
            logs,
            "ts-client-with-token",
            "--token",
            token("ada", "engineering"),
            "--assert-token-stripped");
    assertThat(run.failures()).as(run.describe()).isEmpty();
    assertThat(run.checks()).containsKeys("initialize", "tools-call", "echo-headers", "get-resume");
    assertThat(run.detail("echo-headers").path("tokenReachedUpstream").asBoolean(true)).isFalse();
  }

  @Test
  void anotherIdentityCannotReuseASession() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String ada = token("ada", "engineering");
    String eve = token("eve", "engineering");
    HttpResponse<String> init =
        post(
            http,
            ada,
            null,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    String session = init.headers().firstValue("mcp-session-id").orElseThrow();
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"test_simple_text\",\"arguments\":{}}}";
    HttpResponse<String> hijack = post(http, eve, session, call);
    assertThat(hijack.statusCode()).isEqualTo(404);
    JsonNode error = JsonRpcParser.MAPPER.readTree(hijack.body());
    assertThat(error.path("id").asInt()).isEqualTo(2);
    HttpResponse<String> owner = post(http, ada, session, call);
    assertThat(owner.statusCode()).isEqualTo(200);
    // The upstream repeats its session id on every reply; the client must keep seeing its own.
    owner
        .headers()
        .firstValue("mcp-session-id")
        .ifPresent(echoed -> assertThat(echoed).isEqualTo(session));
  }

  private static HttpResponse<String> post(
      HttpClient http, String token, String session, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway.url("a")))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", "2025-06-18")
            .header("Authorization", "Bearer " + token)
            .timeout(DEADLINE)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void conformanceStillPassesWithAuthenticationOnThroughATokenAddingHop() throws Exception {
    Path tokenFile = logs.resolve("hop-token");
    Files.writeString(tokenFile, token("conformance", "engineering"));
    try (GatewayUnderTest hop =
        GatewayUnderTest.startYaml(
            """
            a:
              upstream: %s
              credential: {header: Authorization, fromFile: %s, prefix: "Bearer "}
            """
                .formatted(gateway.url("a"), tokenFile),
            "")) {
      Conformance result = Conformance.run(hop.url("a"), logs, "auth-hop", null);
      assertThat(result.exitCode()).as(result.describe()).isZero();
      assertThat(result.summary()).contains("30 passed");
    }
  }
}
