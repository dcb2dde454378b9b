package dev.gatehouse.server.proxy;

import static dev.gatehouse.server.proxy.ScriptedUpstream.SSE_HEAD;
import static dev.gatehouse.server.proxy.ScriptedUpstream.chunk;
import static dev.gatehouse.server.proxy.ScriptedUpstream.write;
import static dev.gatehouse.server.proxy.ScriptedUpstream.writeJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.TestConfigs;
import dev.gatehouse.server.config.ConnectionSettings;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same exchanges through a gateway on each socket transport ({@code -Dgatehouse.transport}): a
 * JSON reply, an SSE reply split across TCP writes and an upstream that is down, then a good
 * request. The rest of the suite runs on the default transport; this keeps the others proven too.
 */
class TransportChoiceTest {
  private static final String OK_JSON = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}";
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}";
  private static ScriptedUpstream upstream;
  private static int closedPort;

  @BeforeAll
  static void startUpstream() throws Exception {
    upstream = new ScriptedUpstream(TransportChoiceTest::script);
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
  }

  @AfterAll
  static void stopUpstream() throws java.io.IOException {
    upstream.close();
  }

  private static boolean script(
      String path, String body, java.io.OutputStream out, java.net.Socket socket) throws Exception {
    switch (path) {
      case "/json" -> {
        writeJson(out, OK_JSON);
        return true;
      }
      case "/sse" -> {
        write(out, SSE_HEAD);
        write(out, chunk("id: e1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/pro"));
        write(out, chunk("gress\",\"params\":{\"progress\":1}}\n\n"));
        write(out, chunk("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"done\":true}}\n\n"));
        write(out, "0\r\n\r\n");
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"io_uring", "epoll", "nio"})
  void everyTransportRelaysJsonSseAndFaults(String transport) throws Exception {
    String expected =
        switch (transport) {
          case "io_uring" -> IoUring.isAvailable() ? "io_uring" : fallback();
          case "epoll" -> Epoll.isAvailable() ? "epoll" : "nio";
          default -> "nio";
        };
    String base = "http://127.0.0.1:" + upstream.port() + "/";
    Map<String, ConnectionSettings> connections =
        Map.of(
            "json", connection("json", base + "json"),
            "sse", connection("sse", base + "sse"),
            "down", connection("down", "http://127.0.0.1:" + closedPort + "/mcp"));
    String before = System.getProperty("gatehouse.transport");
    System.setProperty("gatehouse.transport", transport);
    GatewayServer gateway;
    try {
      gateway = GatewayServer.start(TestConfigs.with(connections, Duration.ofSeconds(2)));
    } finally {
      if (before == null) {
        System.clearProperty("gatehouse.transport");
      } else {
        System.setProperty("gatehouse.transport", before);
      }
    }
    try (gateway) {
      assertThat(gateway.transport()).isEqualTo(expected);

      HttpResponse<String> json = McpPost.post(gateway, "json", CALL);
      assertThat(json.statusCode()).isEqualTo(200);
      assertThat(json.body()).isEqualTo(OK_JSON);

      HttpResponse<String> sse = McpPost.post(gateway, "sse", CALL);
      assertThat(sse.statusCode()).isEqualTo(200);
      assertThat(sse.body().lines().filter(l -> l.startsWith("data: ")).toList())
          .containsExactly(
              "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}",
              "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"done\":true}}");

      HttpResponse<String> down = McpPost.post(gateway, "down", CALL);
      assertThat(down.statusCode()).isEqualTo(502);
      assertThat(down.body()).contains("\"id\":1").contains("unreachable");

      assertThat(McpPost.post(gateway, "json", CALL).body()).isEqualTo(OK_JSON);
    }
  }

  private static String fallback() {
    return Epoll.isAvailable() ? "epoll" : "nio";
  }

  private static ConnectionSettings connection(String name, String url) {
    return new ConnectionSettings(name, URI.create(url), null, null);
  }
}
