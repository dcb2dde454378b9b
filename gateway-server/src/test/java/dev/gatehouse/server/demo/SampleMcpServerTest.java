package dev.gatehouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample server over real HTTP, as a gateway (or any client) sees it. */
class SampleMcpServerTest {
  private static SampleMcpServer server;

  @BeforeAll
  static void start() throws Exception {
    server = SampleMcpServer.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static McpHttp client() {
    return new McpHttp(server.endpoint());
  }

  @Test
  void initializeIssuesASessionAndNegotiatesTheRequestedVersion() throws Exception {
    for (String version : SampleMcpServer.PROTOCOL_VERSIONS) {
      McpHttp c = client();
      JsonNode init = c.initialize(version);

      assertThat(c.sessionId).matches("[0-9a-f]{32}");
      assertThat(c.protocolVersion).isEqualTo(version);
      assertThat(init.path("result").path("capabilities").has("tools")).isTrue();
      assertThat(init.path("result").path("serverInfo").path("name").asText())
          .isEqualTo("gatehouse-sample");
    }
  }

  @Test
  void unknownVersionIsAnsweredWithTheLatest() throws Exception {
    McpHttp c = client();
    c.initialize("1999-01-01");

    assertThat(c.protocolVersion).isEqualTo("2025-11-25");
  }

  @Test
  void initializeListAndCallThroughOneSession() throws Exception {
    McpHttp c = client();
    c.initialize("2025-11-25");

    HttpResponse<String> initialized =
        c.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(initialized.statusCode()).isEqualTo(202);
    assertThat(initialized.body()).isEmpty();

    JsonNode tools = c.request(2, "tools/list", "{}").path("result").path("tools");
    List<String> names = new ArrayList<>();
    tools.forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).containsExactly("customer_lookup", "run_query", "delete_record");
    JsonNode delete = tools.get(2);
    assertThat(delete.path("annotations").path("destructiveHint").asBoolean()).isTrue();
    assertThat(delete.path("inputSchema").path("required").toString())
        .isEqualTo("[\"table\",\"id\"]");
    assertThat(tools.get(0).has("outputSchema")).isTrue();

    JsonNode result =
        c.request(
                3, "tools/call", "{\"name\":\"customer_lookup\",\"arguments\":{\"query\":\"ada\"}}")
            .path("result");
    assertThat(result.path("isError").asBoolean()).isFalse();
    JsonNode customer = result.path("structuredContent").path("customers").get(0);
    assertThat(customer.path("email").asText()).isEqualTo("ada.lovelace@example.com");
    assertThat(customer.path("phone").asText()).isEqualTo("+44 20 7946 0958");
    assertThat(customer.path("card_number").asText()).isEqualTo("4111 1111 1111 1111");
    assertThat(customer.path("iban").asText()).isEqualTo("GB82 WEST 1234 5698 7654 32");
    // The same data as text, for clients that read content blocks only.
    String text = result.path("content").get(0).path("text").asText();
    assertThat(McpHttp.JSON.readTree(text)).isEqualTo(result.path("structuredContent"));
  }

  @Test
  void customerLookupIsDeterministic() throws Exception {
    McpHttp c = client();
    c.initialize("2025-06-18");
    String args = "{\"name\":\"customer_lookup\",\"arguments\":{\"query\":\"*\"}}";

    JsonNode first = c.request(2, "tools/call", args).path("result");
    JsonNode second = c.request(3, "tools/call", args).path("result");

    assertThat(first).isEqualTo(second);
    assertThat(first.path("structuredContent").path("count").asInt()).isEqualTo(5);
  }

  @Test
  void runQueryAndDeleteRecord() throws Exception {
    McpHttp c = client();
    c.initialize("2025-11-25");

    JsonNode rows =
        c.request(
                2,
                "tools/call",
                "{\"name\":\"run_query\",\"arguments\":{\"sql\":\"SELECT * FROM orders\"}}")
            .path("result")
            .path("structuredContent");
    assertThat(rows.path("sql").asText()).isEqualTo("SELECT * FROM orders");
    assertThat(rows.path("rowCount").asInt()).isEqualTo(3);
    assertThat(rows.path("rows").get(0).get(2).asText()).isEqualTo("ada.lovelace@example.com");

    JsonNode deleted =
        c.request(
                3,
                "tools/call",
                "{\"name\":\"delete_record\",\"arguments\":{\"table\":\"customers\",\"id\":42}}")
            .path("result");
    assertThat(deleted.path("content").get(0).path("text").asText())
        .isEqualTo("Deleted 1 record with id 42 from table customers.");
  }

  @Test
  void toolErrorsAndProtocolErrors() throws Exception {
    McpHttp c = client();
    c.initialize("2025-11-25");

    JsonNode missingArg =
        c.request(2, "tools/call", "{\"name\":\"run_query\",\"arguments\":{}}").path("result");
    assertThat(missingArg.path("isError").asBoolean()).isTrue();

    JsonNode unknownTool = c.request(3, "tools/call", "{\"name\":\"nope\",\"arguments\":{}}");
    assertThat(unknownTool.path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(unknownTool.path("id").asInt()).isEqualTo(3);

    JsonNode unknownMethod = c.request(4, "sampling/nothing", "{}");
    assertThat(unknownMethod.path("error").path("code").asInt()).isEqualTo(-32601);
  }

  @Test
  void resourceAndPrompt() throws Exception {
    McpHttp c = client();
    c.initialize("2025-11-25");

    JsonNode resources = c.request(2, "resources/list", "{}").path("result").path("resources");
    String uri = resources.get(0).path("uri").asText();
    JsonNode read =
        c.request(3, "resources/read", "{\"uri\":\"" + uri + "\"}").path("result").path("contents");
    assertThat(read.get(0).path("text").asText()).contains("card_number");
    assertThat(
            c.request(4, "resources/read", "{\"uri\":\"sample://nope\"}")
                .path("error")
                .path("code")
                .asInt())
        .isEqualTo(-32002);

    JsonNode prompts = c.request(5, "prompts/list", "{}").path("result").path("prompts");
    String name = prompts.get(0).path("name").asText();
    JsonNode prompt =
        c.request(
                6,
                "prompts/get",
                "{\"name\":\"" + name + "\",\"arguments\":{\"customer_id\":\"C-1002\"}}")
            .path("result");
    assertThat(prompt.path("messages").get(0).path("content").path("text").asText())
        .contains("C-1002");
    assertThat(c.request(7, "prompts/get", "{\"name\":\"" + name + "\"}").has("error")).isTrue();
  }

  @Test
  void version20250326HasNoFieldsFromLaterRevisionsAndAcceptsBatches() throws Exception {
    McpHttp c = client();
    c.initialize("2025-03-26");

    JsonNode tool = c.request(2, "tools/list", "{}").path("result").path("tools").get(0);
    assertThat(tool.has("title")).isFalse();
    assertThat(tool.has("outputSchema")).isFalse();

    HttpResponse<String> batch =
        c.post(
            """
            [{"jsonrpc":"2.0","method":"notifications/initialized"},
             {"jsonrpc":"2.0","id":"a","method":"ping"},
             {"jsonrpc":"2.0","id":"b","method":"tools/call",
              "params":{"name":"customer_lookup","arguments":{"query":"grace"}}}]""");
    assertThat(batch.statusCode()).isEqualTo(200);
    JsonNode replies = McpHttp.JSON.readTree(batch.body());
    assertThat(replies.size()).isEqualTo(2);
    assertThat(replies.get(0).path("id").asText()).isEqualTo("a");
    JsonNode lookup = replies.get(1).path("result");
    assertThat(lookup.has("structuredContent")).isFalse();
    assertThat(lookup.path("content").get(0).path("text").asText()).contains("Grace Hopper");

    HttpResponse<String> onlyNotifications =
        c.post("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]");
    assertThat(onlyNotifications.statusCode()).isEqualTo(202);
  }

  @Test
  void batchesAreRefusedAfter20250326() throws Exception {
    McpHttp c = client();
    c.initialize("2025-06-18");

    HttpResponse<String> r = c.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(McpHttp.JSON.readTree(r.body()).path("error").path("code").asInt())
        .isEqualTo(-32600);
  }

  @Test
  void clientResponsesAreAcceptedWith202() throws Exception {
    McpHttp c = client();
    c.initialize("2025-11-25");

    HttpResponse<String> r = c.post("{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"result\":{}}");

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void sessionIsRequiredAndEndsWithDelete() throws Exception {
    McpHttp c = client();
    c.initialize("2025-11-25");
    String session = c.sessionId;

    c.sessionId = null;
    HttpResponse<String> noSession = c.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
    assertThat(noSession.statusCode()).isEqualTo(400);

    c.sessionId = "not-a-session";
    HttpResponse<String> unknown = c.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);

    c.sessionId = session;
    assertThat(c.request(4, "ping", "{}").path("result").isObject()).isTrue();
    int before = server.sessionCount();
    HttpResponse<String> deleted = c.send(c.base().DELETE());
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(server.sessionCount()).isEqualTo(before - 1);

    HttpResponse<String> after = c.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}");
    assertThat(after.statusCode()).isEqualTo(404);
    assertThat(McpHttp.JSON.readTree(after.body()).path("error").path("message").asText())
        .isEqualTo("Session not found");
    assertThat(c.send(c.base().DELETE()).statusCode()).isEqualTo(404);
  }

  @Test
  void getHasNoStandaloneStream() throws Exception {
    McpHttp c = client();
    c.initialize("2025-11-25");

    HttpResponse<String> r = c.send(c.base().header("Accept", "text/event-stream").GET());

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("POST, DELETE");
  }

  @Test
  void protocolVersionHeaderMustMatchTheSession() throws Exception {
    McpHttp c = client();
    c.initialize("2025-06-18");
    c.protocolVersion = "2025-11-25";

    HttpResponse<String> r = c.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");

    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void malformedRequests() throws Exception {
    McpHttp c = client();
    c.initialize("2025-11-25");

    HttpResponse<String> notJson = c.post("{\"jsonrpc\":");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(McpHttp.JSON.readTree(notJson.body()).path("error").path("code").asInt())
        .isEqualTo(-32700);

    HttpResponse<String> wrongType =
        c.send(
            c.base()
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(wrongType.statusCode()).isEqualTo(415);

    HttpResponse<String> notJsonRpc = c.post("{\"id\":9,\"method\":\"ping\"}");
    assertThat(McpHttp.JSON.readTree(notJsonRpc.body()).path("error").path("code").asInt())
        .isEqualTo(-32600);

    HttpResponse<String> otherPath =
        c.send(
            HttpRequest.newBuilder(URI.create(server.endpoint().toString() + "/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(otherPath.statusCode()).isEqualTo(404);
  }
}
