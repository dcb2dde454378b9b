package dev.gatehouse.server.proxy;

import static dev.gatehouse.server.proxy.ScriptedUpstream.chunk;
import static dev.gatehouse.server.proxy.ScriptedUpstream.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.TestConfigs;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Masking sees whole SSE events, however TCP splits them: an upstream writes one event whose card
 * number is cut in the middle, as two chunks in two TCP segments with a pause between them, and the
 * client still receives the card masked (a masker that worked on the bytes of each read would see
 * two harmless halves).
 */
class MaskingSplitSseEventTest {
  private static final String CARD = "4111 1111 1111 1111";
  private static final String EVENT =
      "id: e1\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
          + "\"text\":\"Paid with card "
          + CARD
          + ", receipt to ada.lovelace@example.com\"}],\"structuredContent\":{\"card\":\""
          + CARD
          + "\"}}}\n\n";

  /** Never released while the upstream writes: its bounded wait is the pause between segments. */
  private final CountDownLatch never = new CountDownLatch(1);

  private ScriptedUpstream upstream;
  private GatewayServer gateway;

  private boolean script(String path, String body, OutputStream out, Socket socket)
      throws Exception {
    int cut = EVENT.indexOf(CARD) + 7; // "4111 11" | "11 1111 1111"
    write(out, ScriptedUpstream.SSE_HEAD);
    write(out, chunk(EVENT.substring(0, cut)));
    // TCP_NODELAY is on and the write is flushed: the first half leaves as its own segment, and
    // the gateway has long read it (and found no complete event) when the second half arrives.
    never.await(150, TimeUnit.MILLISECONDS);
    write(out, chunk(EVENT.substring(cut)));
    write(out, "0\r\n\r\n");
    return true;
  }

  @AfterEach
  void stop() throws Exception {
    never.countDown();
    if (gateway != null) {
      gateway.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void aCardNumberSplitAcrossTwoTcpChunksOfOneEventIsStillMasked() throws Exception {
    upstream = new ScriptedUpstream(this::script);
    gateway =
        GatewayServer.start(
            TestConfigs.forUpstream(
                "split", URI.create("http://127.0.0.1:" + upstream.port() + "/mcp")));
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.mcpPort() + "/mcp/split"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .timeout(Duration.ofSeconds(20))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                + "\"params\":{\"name\":\"pay\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    String body = response.body();
    assertThat(body)
        .doesNotContain("4111")
        .doesNotContain("1111 1111")
        .doesNotContain("ada.lovelace@example.com");
    List<String> data = body.lines().filter(l -> l.startsWith("data: ")).toList();
    assertThat(data).hasSize(1);
    JsonNode message = JsonRpcParser.MAPPER.readTree(data.get(0).substring(6));
    assertThat(message.at("/result/content/0/text").asText())
        .isEqualTo("Paid with card [CREDIT_CARD], receipt to [EMAIL]");
    assertThat(message.at("/result/structuredContent/card").asText()).isEqualTo("[CREDIT_CARD]");
    assertThat(message.path("id").asInt()).isEqualTo(1);
  }
}
