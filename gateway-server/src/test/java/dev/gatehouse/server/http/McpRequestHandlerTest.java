package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.core.RequestSlot;
import dev.gatehouse.server.TestConfigs;
import dev.gatehouse.server.config.GatehouseConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MCP request handler's own replies, before anything is forwarded. */
class McpRequestHandlerTest {
  private EmbeddedChannel channel;

  @BeforeEach
  void setUp() {
    GatehouseConfig config = TestConfigs.forUpstream("demo", URI.create("http://127.0.0.1:9/mcp"));
    FilterChain chain =
        FilterChain.builder()
            .request(
                RequestSlot.HYGIENE,
                "host-origin",
                new HostOriginFilter(config.http().allowedHosts(), config.http().allowedOrigins()))
            .request(RequestSlot.PARSE, "jsonrpc", new ProtocolCheckFilter())
            .build();
    channel = HandlerChannels.withoutUpstream(config, chain, 1024);
  }

  @AfterEach
  void tearDown() {
    channel.finishAndReleaseAll();
  }

  private FullHttpResponse exchange(FullHttpRequest request) {
    request.headers().set(HttpHeaderNames.HOST, "localhost:8080");
    channel.writeInbound(request);
    FullHttpResponse response = channel.readOutbound();
    assertThat(response).isNotNull();
    return response;
  }

  private static FullHttpRequest post(String path, String body) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            path,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    HttpUtil.setContentLength(request, request.content().readableBytes());
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    return request;
  }

  private static JsonNode json(FullHttpResponse response) throws IOException {
    try {
      return JsonRpcParser.MAPPER.readTree(response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  @Test
  void unknownConnectionIs404WithAJsonBodyThatSaysSo() throws IOException {
    FullHttpResponse response = exchange(post("/mcp/nope", "{}"));
    assertThat(response.status().code()).isEqualTo(404);
    JsonNode body = json(response);
    assertThat(body.path("error").asText()).isEqualTo("unknown_connection");
    assertThat(body.path("message").asText()).contains("'nope'");
  }

  @Test
  void pathsOutsideMcpAre404() throws IOException {
    FullHttpResponse response = exchange(post("/other", "{}"));
    assertThat(response.status().code()).isEqualTo(404);
    assertThat(json(response).path("error").asText()).isEqualTo("not_found");
  }

  @Test
  void malformedJsonIs400WithParseError() throws IOException {
    FullHttpResponse response = exchange(post("/mcp/demo", "{\"jsonrpc\": \"2.0\", "));
    assertThat(response.status().code()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(body.get("id").isNull()).isTrue();
  }

  @Test
  void invalidJsonRpcIs400WithInvalidRequestAndTheId() throws IOException {
    FullHttpResponse response =
        exchange(post("/mcp/demo", "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"tools/list\"}"));
    assertThat(response.status().code()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(body.path("id").asInt()).isEqualTo(7);
  }

  @Test
  void batchesAreRefusedOutside2025_03_26() throws IOException {
    FullHttpRequest request =
        post(
            "/mcp/demo",
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]");
    request.headers().set("MCP-Protocol-Version", "2025-06-18");
    FullHttpResponse response = exchange(request);
    assertThat(response.status().code()).isEqualTo(400);
    assertThat(json(response).path("error").path("message").asText()).contains("batches");
  }

  @Test
  void statelessRevisionHeadersMustAgreeWithTheBody() throws IOException {
    FullHttpRequest request =
        post(
            "/mcp/demo",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_record\"}}");
    request.headers().set("MCP-Protocol-Version", "2026-07-28");
    request.headers().set("Mcp-Method", "tools/call");
    request
        .headers()
        .set("Mcp-Name", "customer_lookup"); // a policy reading headers would be fooled
    FullHttpResponse response = exchange(request);
    assertThat(response.status().code()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.path("error").path("code").asInt()).isEqualTo(-32020);
    assertThat(body.path("id").asInt()).isEqualTo(4);
  }

  @Test
  void foreignOriginIs403() throws IOException {
    FullHttpRequest request =
        post("/mcp/demo", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    request.headers().set(HttpHeaderNames.ORIGIN, "http://evil.example");
    FullHttpResponse response = exchange(request);
    assertThat(response.status().code()).isEqualTo(403);
    assertThat(json(response).path("error").path("message").asText()).contains("evil.example");
  }

  @Test
  void foreignHostIs421() throws IOException {
    FullHttpRequest request =
        post("/mcp/demo", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    channel.writeInbound(request);
    request.headers().set(HttpHeaderNames.HOST, "evil.example");
    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(421);
    response.release();
  }

  @Test
  void unsupportedMethodIs405WithAllow() {
    FullHttpResponse response =
        exchange(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/mcp/demo"));
    assertThat(response.status().code()).isEqualTo(405);
    assertThat(response.headers().get("allow")).contains("POST");
    response.release();
  }

  @Test
  void oversizeBodyIs413AndTheConnectionCloses() throws IOException {
    DefaultHttpRequest head =
        new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/mcp/demo");
    head.headers().set(HttpHeaderNames.HOST, "localhost");
    HttpUtil.setTransferEncodingChunked(head, true);
    channel.writeInbound(head);
    channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[800])));
    channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[800])));
    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(413);
    assertThat(json(response).path("error").path("message").asText()).contains("1024");
    assertThat(channel.isOpen()).isFalse();
  }
}
