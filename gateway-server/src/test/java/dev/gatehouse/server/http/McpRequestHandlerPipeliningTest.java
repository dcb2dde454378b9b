package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Decision;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.core.RequestSlot;
import dev.gatehouse.core.Verdict;
import dev.gatehouse.server.TestConfigs;
import dev.gatehouse.server.config.GatehouseConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client channel reads as data arrives; a client that pipelines gets its requests answered one
 * at a time and in order, and reading stops while requests are queued.
 */
class McpRequestHandlerPipeliningTest {
  private final CompletableFuture<Decision> firstDecision = new CompletableFuture<>();
  private EmbeddedChannel channel;

  @BeforeEach
  void setUp() {
    GatehouseConfig config = TestConfigs.forUpstream("demo", URI.create("http://127.0.0.1:9/mcp"));
    // Request 1 waits for the test to decide; every other request is refused at once. Both
    // answers come from the gateway itself, so no upstream is involved.
    FilterChain chain =
        FilterChain.builder()
            .request(
                RequestSlot.AUTHORIZE,
                "test-gate",
                exchange ->
                    FilterChain.firstRequestId(exchange).asInt() == 1
                        ? Decision.waitFor(firstDecision, "test")
                        : refuse(2))
            .build();
    channel = HandlerChannels.withoutUpstream(config, chain, 4096);
  }

  @AfterEach
  void tearDown() {
    channel.finishAndReleaseAll();
  }

  private static Decision refuse(int id) {
    return Decision.respond(
        HttpReply.jsonRpcError(
            403,
            JsonRpcParser.MAPPER.getNodeFactory().numberNode(id),
            JsonRpcErrors.GATEWAY_REFUSED,
            "refused " + id),
        Verdict.of(Verdict.Outcome.DENIED, "test-gate", "test"));
  }

  private static FullHttpRequest call(int id) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}"
            .formatted(id);
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            "/mcp/demo",
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    HttpUtil.setContentLength(request, request.content().readableBytes());
    request.headers().set(HttpHeaderNames.HOST, "localhost:8080");
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    request.headers().set(HttpHeaderNames.ACCEPT, "application/json, text/event-stream");
    request.headers().set("mcp-protocol-version", "2025-06-18");
    return request;
  }

  private static String body(FullHttpResponse response) {
    try {
      return response.content().toString(StandardCharsets.UTF_8);
    } finally {
      response.release();
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderAndReadingPausesWhileTheyWait() {
    assertThat(channel.config().isAutoRead()).isTrue();

    channel.writeInbound(call(1), call(2));

    assertThat(channel.<Object>readOutbound()).as("request 1 is still deciding").isNull();
    assertThat(channel.config().isAutoRead()).as("a request is queued").isFalse();

    firstDecision.complete(refuse(1));
    channel.runPendingTasks();

    FullHttpResponse first = channel.readOutbound();
    FullHttpResponse second = channel.readOutbound();
    assertThat(first.status().code()).isEqualTo(403);
    assertThat(body(first)).contains("refused 1");
    assertThat(second.status().code()).isEqualTo(403);
    assertThat(body(second)).contains("refused 2");
    assertThat(channel.config().isAutoRead()).as("nothing queued any more").isTrue();
  }

  @Test
  void aClientThatLeavesWithRequestsQueuedLeavesNothingBehind() {
    channel.writeInbound(call(1), call(2), call(3));
    channel.close();
    // The queued requests were released on close (paranoid leak detection would report them).
    assertThat(channel.isActive()).isFalse();
    assertThat(channel.<Object>readOutbound()).isNull();
  }
}
