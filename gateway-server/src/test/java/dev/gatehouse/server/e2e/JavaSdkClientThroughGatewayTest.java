package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.e2e.support.ConformanceBehindGateway;
import dev.gatehouse.server.e2e.support.Polling;
import dev.gatehouse.server.e2e.support.RawMcp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official Java SDK client ({@code io.modelcontextprotocol.sdk:mcp-core} 2.0.1, Streamable HTTP
 * over the JDK HttpClient) through the gateway to upstream A: the whole session life cycle,
 * progress, and the server-to-client requests (elicitation, sampling) that travel on the POST's SSE
 * stream and come back as separate POSTs.
 */
class JavaSdkClientThroughGatewayTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  /**
   * The Java SDK 2.0.1 client rejects the standard SSE {@code retry:} field ("Invalid SSE response
   * ... Line: retry: 100", modelcontextprotocol/java-sdk#1047, open), and the TypeScript SDK server
   * puts one in the priming event it sends to clients of 2025-11-25 and later. Directly against
   * upstream A the client fails the same way, so it is not the gateway's doing: the client speaks
   * 2025-06-18 here (no priming event). The TypeScript client covers 2025-11-25.
   */
  private static final String PROTOCOL_VERSION = "2025-06-18";

  @RegisterExtension
  static final ConformanceBehindGateway ENV = new ConformanceBehindGateway("java-client");

  private final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
  private final List<ElicitFormRequest> elicitations = new CopyOnWriteArrayList<>();
  private final List<CreateMessageRequest> samplings = new CopyOnWriteArrayList<>();
  private McpSyncClient client;

  @BeforeEach
  void connect() {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(ENV.gateway().baseUrl())
            .endpoint("/mcp/a")
            .supportedProtocolVersions(List.of(PROTOCOL_VERSION))
            .build();
    client =
        McpClient.sync(transport)
            .requestTimeout(DEADLINE)
            .initializationTimeout(DEADLINE)
            .capabilities(ClientCapabilities.builder().sampling().elicitation().build())
            .sampling(
                request -> {
                  samplings.add(request);
                  return CreateMessageResult.builder(
                          Role.ASSISTANT,
                          TextContent.builder("sampled by the java client").build(),
                          "java-e2e-model")
                      .stopReason(CreateMessageResult.StopReason.END_TURN)
                      .build();
                })
            .elicitation(
                request -> {
                  elicitations.add(request);
                  return new ElicitResult(
                      ElicitResult.Action.ACCEPT,
                      Map.of("username", "ada", "email", "ada@example.com"));
                })
            .progressConsumer(progress::add)
            .build();
  }

  @AfterEach
  void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  private static CallToolRequest tool(String name, Map<String, Object> arguments) {
    return CallToolRequest.builder(name).arguments(arguments).build();
  }

  private static String text(CallToolResult result) {
    assertThat(result.isError()).as(result.toString()).isNotEqualTo(Boolean.TRUE);
    assertThat(result.content()).as(result.toString()).isNotEmpty();
    return ((TextContent) result.content().get(0)).text();
  }

  @Test
  void initializeListCallReadAndGetThroughTheGateway() {
    InitializeResult init = client.initialize();
    assertThat(init.serverInfo().name()).isEqualTo("gatehouse-conformance-fixture");
    assertThat(init.protocolVersion()).isEqualTo(PROTOCOL_VERSION);
    assertThat(init.capabilities().tools()).isNotNull();

    List<String> tools = client.listTools().tools().stream().map(Tool::name).toList();
    assertThat(tools)
        .contains(
            "test_simple_text", "test_tool_with_progress", "test_elicitation", "test_sampling");

    CallToolResult call = client.callTool(tool("test_simple_text", Map.of()));
    assertThat(text(call)).isEqualTo("This is a simple text response for testing.");

    ReadResourceResult resource =
        client.readResource(ReadResourceRequest.builder("test://static-text").build());
    assertThat(resource.contents()).hasSize(1);
    TextResourceContents contents = (TextResourceContents) resource.contents().get(0);
    assertThat(contents.uri()).isEqualTo("test://static-text");
    assertThat(contents.mimeType()).isEqualTo("text/plain");
    assertThat(contents.text()).isEqualTo("This is the content of the static text resource.");

    GetPromptResult prompt =
        client.getPrompt(GetPromptRequest.builder("test_simple_prompt").build());
    assertThat(prompt.messages()).hasSize(1);
    assertThat(prompt.messages().get(0).role()).isEqualTo(Role.USER);
    assertThat(((TextContent) prompt.messages().get(0).content()).text())
        .isEqualTo("This is a simple prompt for testing.");
  }

  @Test
  void progressNotificationsReachTheClient() {
    client.initialize();

    CallToolResult result =
        client.callTool(
            CallToolRequest.builder("test_tool_with_progress")
                .arguments(Map.of())
                .progressToken("java-progress-1")
                .build());

    assertThat(text(result)).isEqualTo("Progress reported for token java-progress-1");
    // The SDK may hand notifications to the consumer on another thread than the response.
    Polling.until(DEADLINE, () -> progress.size() >= 3, () -> "progress seen: " + progress);
    assertThat(progress)
        .extracting(ProgressNotification::progress)
        .containsExactly(0.0, 50.0, 100.0);
    assertThat(progress)
        .allSatisfy(
            p -> {
              assertThat(p.progressToken()).isEqualTo("java-progress-1");
              assertThat(p.total()).isEqualTo(100.0);
            });
    assertThat(progress.get(1).message()).isEqualTo("Completed 50 of 100");
  }

  @Test
  void elicitationTravelsToTheClientAndItsAnswerBackToTheServer() {
    client.initialize();

    CallToolResult result =
        client.callTool(tool("test_elicitation", Map.of("message", "Who are you, java?")));

    assertThat(elicitations).hasSize(1);
    ElicitFormRequest asked = elicitations.get(0);
    assertThat(asked.message()).isEqualTo("Who are you, java?");
    assertThat(asked.requestedSchema()).containsKey("properties");
    assertThat(asked.requestedSchema().get("required")).isEqualTo(List.of("username", "email"));
    assertThat(text(result))
        .startsWith("User response: action=accept, content=")
        .contains("\"username\":\"ada\"")
        // The server echoes the answer back in its result, and masking (on by default) redacts
        // the address on its way to the client: the answer arrived, the clear value did not leave.
        .contains("\"email\":\"[EMAIL]\"")
        .doesNotContain("ada@example.com");
  }

  @Test
  void samplingTravelsToTheClientAndItsAnswerBackToTheServer() {
    client.initialize();

    CallToolResult result =
        client.callTool(tool("test_sampling", Map.of("prompt", "What is 2+2?")));

    assertThat(samplings).hasSize(1);
    CreateMessageRequest asked = samplings.get(0);
    assertThat(asked.maxTokens()).isEqualTo(100);
    assertThat(asked.messages()).hasSize(1);
    assertThat(((TextContent) asked.messages().get(0).content()).text()).isEqualTo("What is 2+2?");
    assertThat(text(result)).isEqualTo("LLM response: sampled by the java client");
  }

  @Test
  void closeGracefullyDeletesTheSession() throws Exception {
    client.initialize();
    // The session id as the upstream saw it: gh_echo_headers returns the call's request headers.
    JsonNode headers =
        RawMcp.JSON.readTree(text(client.callTool(tool("gh_echo_headers", Map.of()))));
    String session = headers.path("mcp-session-id").asText();
    assertThat(session).isNotBlank();
    assertThat(headers.path("mcp-protocol-version").asText()).isEqualTo(PROTOCOL_VERSION);

    assertThat(client.closeGracefully()).isTrue();
    client = null;

    // DELETE reached the upstream: the session is gone there, and the gateway relays the 404.
    RawMcp.Reply after =
        new RawMcp(ENV.gateway().url("a"))
            .withSession(session)
            .post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}");
    assertThat(after.status()).as(after.toString()).isEqualTo(404);
  }
}
