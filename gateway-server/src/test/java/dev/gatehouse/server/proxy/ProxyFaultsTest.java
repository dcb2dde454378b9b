package dev.gatehouse.server.proxy;

import static dev.gatehouse.server.proxy.ScriptedUpstream.SSE_HEAD;
import static dev.gatehouse.server.proxy.ScriptedUpstream.chunk;
import static dev.gatehouse.server.proxy.ScriptedUpstream.jsonHead;
import static dev.gatehouse.server.proxy.ScriptedUpstream.write;
import static dev.gatehouse.server.proxy.ScriptedUpstream.writeJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.TestConfigs;
import dev.gatehouse.server.config.ConnectionSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transport behaviour and faults through a real gateway on a real socket: JSON and SSE relaying (an
 * event split across TCP segments, many events in one), 202s, and every upstream fault answered
 * with the documented status and body, after which the next request still succeeds.
 */
class ProxyFaultsTest {
  private static final String OK_JSON = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}";
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  /** Valid, but not as Jackson would write it: spaces, key order, an escaped character. */
  private static final String SPACED_JSON =
      "{ \"result\" : { \"ok\" : true, \"note\" : \"caf\\u00e9\" }, \"id\" : 1, \"jsonrpc\" : \"2.0\" }";

  /** An SSE message no filter changes: relayed as it came. */
  private static final String SPACED_EVENT =
      "{ \"jsonrpc\": \"2.0\", \"method\": \"notifications/progress\", \"params\": {\"progress\": 2} }";

  /** A reply whose second "text" a client might read while Jackson checks the first, or back. */
  private static final String DUPLICATE_KEY_JSON =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"a\",\"text\":\"b\"}}";

  /** Released by the test once it has seen a heartbeat on the idle stream. */
  private static final CountDownLatch HEARTBEAT_SEEN = new CountDownLatch(1);

  /** Released by the test once the client has the first event: a RST can discard unread data. */
  private static final CountDownLatch RESET_NOW = new CountDownLatch(1);

  private static ScriptedUpstream upstream;
  private static GatewayServer gateway;
  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    upstream = new ScriptedUpstream(ProxyFaultsTest::script);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Map<String, ConnectionSettings> connections = new HashMap<>();
    for (String name :
        List.of("json", "split", "sse", "idle", "notify", "slow", "reset", "spaced", "dupe")) {
      connections.put(
          name,
          new ConnectionSettings(
              name, URI.create("http://127.0.0.1:" + upstream.port() + "/" + name), null, null));
    }
    connections.put(
        "down",
        new ConnectionSettings(
            "down", URI.create("http://127.0.0.1:" + closedPort + "/mcp"), null, null));
    gateway = GatewayServer.start(TestConfigs.with(connections, Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() throws IOException {
    NEVER.countDown();
    gateway.close();
    upstream.close();
  }

  private static boolean script(
      String path, String body, java.io.OutputStream out, java.net.Socket socket) throws Exception {
    switch (path) {
      case "/json" -> {
        writeJson(out, OK_JSON);
        return true;
      }
      case "/spaced", "/dupe" -> {
        writeJson(out, path.equals("/spaced") ? SPACED_JSON : DUPLICATE_KEY_JSON);
        return true;
      }
      case "/split" -> {
        // The head and the body in separate TCP segments, some time apart.
        write(out, jsonHead(OK_JSON));
        NEVER.await(150, TimeUnit.MILLISECONDS);
        write(out, OK_JSON.substring(0, 10));
        NEVER.await(50, TimeUnit.MILLISECONDS);
        write(out, OK_JSON.substring(10));
        return true;
      }
      case "/idle" -> {
        write(out, SSE_HEAD);
        write(
            out,
            chunk(
                "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}\n\n"));
        HEARTBEAT_SEEN.await(20, TimeUnit.SECONDS); // idle far past the 300 ms SSE idle timeout
        write(out, chunk("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n"));
        write(out, "0\r\n\r\n");
        return true;
      }
      case "/notify" -> {
        write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        return true;
      }
      case "/sse" -> {
        write(out, SSE_HEAD);
        // One event split across three TCP writes, then two events in one write.
        write(out, chunk("id: e1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/pro"));
        write(out, chunk("gress\",\"params\":{\"progress\":1}}"));
        write(out, chunk("\n\n"));
        write(
            out,
            chunk(
                "data: "
                    + SPACED_EVENT
                    + "\n\n"
                    + "id: e3\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"done\":true}}\n\n"));
        write(out, "0\r\n\r\n");
        return true;
      }
      case "/slow" -> {
        NEVER.await(10, TimeUnit.SECONDS); // far past the 1 s response timeout
        return false;
      }
      case "/reset" -> {
        write(out, SSE_HEAD);
        write(
            out,
            chunk(
                "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}\n\n"));
        RESET_NOW.await(10, TimeUnit.SECONDS);
        socket.setSoLinger(true, 0); // RST instead of FIN
        socket.close();
        return false;
      }
      default -> {
        write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        return true;
      }
    }
  }

  private static HttpResponse<String> post(String connection, String body) throws Exception {
    return McpPost.post(gateway, connection, body);
  }

  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}";

  private static void nextRequestSucceeds() throws Exception {
    HttpResponse<String> ok = post("json", CALL);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(JsonRpcParser.MAPPER.readTree(ok.body()).path("result").path("ok").asBoolean())
        .isTrue();
  }

  @Test
  void jsonReplyIsRelayed() throws Exception {
    nextRequestSucceeds();
  }

  @Test
  void sseEventsAreRelayedWholeWhateverTheTcpSplit() throws Exception {
    HttpResponse<String> response = post("sse", CALL);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    assertThat(response.headers().firstValue("x-accel-buffering")).contains("no");
    List<String> data =
        response
            .body()
            .lines()
            .filter(l -> l.startsWith("data: "))
            .map(l -> l.substring(6))
            .toList();
    assertThat(data).hasSize(3);
    assertThat(data.get(1)).isEqualTo(SPACED_EVENT);
    assertThat(JsonRpcParser.MAPPER.readTree(data.get(0)).path("params").path("progress").asInt())
        .isEqualTo(1);
    assertThat(JsonRpcParser.MAPPER.readTree(data.get(2)).path("result").path("done").asBoolean())
        .isTrue();
    assertThat(response.body()).contains("id: e1").contains("id: e3");
  }

  @Test
  void aBodyArrivingAfterTheHeadIsStillRelayed() throws Exception {
    HttpResponse<String> response = post("split", CALL);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(OK_JSON);
  }

  @Test
  void anIdleStreamGetsHeartbeatComments() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.mcpPort() + "/mcp/idle"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(CALL))
            .build();
    List<String> lines = new java.util.ArrayList<>();
    client
        .send(request, HttpResponse.BodyHandlers.ofLines())
        .body()
        .forEach(
            line -> {
              lines.add(line);
              if (line.startsWith(":")) {
                HEARTBEAT_SEEN.countDown();
              }
            });
    assertThat(lines).contains(": keep-alive");
    assertThat(lines.stream().filter(l -> l.startsWith("data: ")).count()).isEqualTo(2);
  }

  @Test
  void readinessReportsAnUnreachableUpstream() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    HttpResponse<String> ready;
    do {
      ready =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + gateway.adminPort() + "/readyz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } while (ready.body().contains("not probed yet") && System.nanoTime() < deadline);
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonNode checks = JsonRpcParser.MAPPER.readTree(ready.body()).path("checks");
    assertThat(checks.path("upstream:down").asText()).contains("not answering");
    assertThat(checks.path("upstream:json").asText()).isEqualTo("ok");
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.adminPort() + "/healthz"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void notificationsGet202() throws Exception {
    HttpResponse<String> response =
        post("notify", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void upstreamDownIs502WithTheRequestId() throws Exception {
    HttpResponse<String> response =
        post("down", "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"ping\"}");
    assertThat(response.statusCode()).isEqualTo(502);
    JsonNode body = JsonRpcParser.MAPPER.readTree(response.body());
    assertThat(body.path("id").asText()).isEqualTo("abc");
    assertThat(body.path("error").path("code").asInt()).isEqualTo(-32002);
    assertThat(body.path("error").path("message").asText()).contains("unreachable");
    nextRequestSucceeds();
  }

  @Test
  void aReplyNoFilterChangedIsRelayedByteForByte() throws Exception {
    HttpResponse<String> response = post("spaced", CALL);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(SPACED_JSON);
  }

  @Test
  void aReplyWithARepeatedKeyIs502() throws Exception {
    HttpResponse<String> response = post("dupe", CALL);
    assertThat(response.statusCode()).isEqualTo(502);
    JsonNode body = JsonRpcParser.MAPPER.readTree(response.body());
    assertThat(body.path("id").asInt()).isEqualTo(1);
    assertThat(body.path("error").path("message").asText())
        .isEqualTo("Upstream sent invalid JSON: a key appears twice in one object ('text')");
    nextRequestSucceeds();
  }

  @Test
  void slowUpstreamIs504AfterTheResponseTimeout() throws Exception {
    HttpResponse<String> response =
        post("slow", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\"}");
    assertThat(response.statusCode()).isEqualTo(504);
    JsonNode body = JsonRpcParser.MAPPER.readTree(response.body());
    assertThat(body.path("id").asInt()).isEqualTo(9);
    assertThat(body.path("error").path("code").asInt()).isEqualTo(-32003);
    nextRequestSucceeds();
  }

  @Test
  void resetMidStreamEndsTheStreamWithAnErrorForTheRequest() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.mcpPort() + "/mcp/reset"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .timeout(Duration.ofSeconds(20))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\"}"))
            .build();
    HttpResponse<java.util.stream.Stream<String>> response =
        client.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> data = new java.util.ArrayList<>();
    response
        .body()
        .filter(l -> l.startsWith("data: "))
        .forEach(
            l -> {
              data.add(l.substring(6));
              RESET_NOW.countDown();
            });
    assertThat(data).hasSize(2);
    JsonNode error = JsonRpcParser.MAPPER.readTree(data.get(1));
    assertThat(error.path("id").asInt()).isEqualTo(5);
    assertThat(error.path("error").path("code").asInt()).isEqualTo(-32002);
    nextRequestSucceeds();
  }

  /**
   * A client still sending an oversized body gets to read the 413: the gateway ends its side and
   * discards the rest instead of closing on unread data (which resets the connection, and a reset
   * can destroy a reply the client has not read yet).
   */
  @Test
  void aClientStillSendingAnOversizedBodyReadsThe413() throws Exception {
    int bodyBytes = 16 << 20; // four times the default limit: most of it is unread at the 413
    var sendFailure = new java.util.concurrent.atomic.AtomicReference<IOException>();
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.mcpPort())) {
      socket.setSoTimeout(10_000);
      Thread sender =
          new Thread(
              () -> {
                try {
                  var out = socket.getOutputStream();
                  out.write(
                      ("POST /mcp/json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              + "Content-Type: application/json\r\nContent-Length: "
                              + bodyBytes
                              + "\r\n\r\n")
                          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                  byte[] block = new byte[64 * 1024];
                  java.util.Arrays.fill(block, (byte) 'x');
                  for (int sent = 0; sent < bodyBytes; sent += block.length) {
                    out.write(block);
                  }
                } catch (IOException e) {
                  // A gateway that closed on the unread body reset the connection: clients such
                  // as the JDK's then report the failed send, not the 413.
                  sendFailure.set(e);
                }
              });
      sender.start();
      sender.join(30_000);
      String statusLine =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      assertThat(sendFailure.get()).as("the client could send its whole body").isNull();
      assertThat(statusLine).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
    assertThat(post("json", CALL).statusCode())
        .as("the next request still succeeds")
        .isEqualTo(200);
  }
}
