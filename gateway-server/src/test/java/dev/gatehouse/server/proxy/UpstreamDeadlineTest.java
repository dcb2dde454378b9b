package dev.gatehouse.server.proxy;

import static dev.gatehouse.server.proxy.ScriptedUpstream.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.TestConfigs;
import dev.gatehouse.server.config.ConnectionSettings;
import dev.gatehouse.server.config.TimeoutSettings;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upstream timers kept per connection ({@code LazyTimer}): exchanges that follow one another on
 * a pooled connection for longer than a timeout never trip it, and a reply that stops halfway still
 * gets its 504 when the whole-request deadline passes (the timer re-armed past the first deadline
 * it was scheduled for).
 */
class UpstreamDeadlineTest {
  private static final String OK_JSON = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}";
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(600);
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  private static ScriptedUpstream upstream;
  private static GatewayServer gateway;

  @BeforeAll
  static void start() throws Exception {
    upstream =
        new ScriptedUpstream(
            (path, body, out, socket) -> {
              String head = ScriptedUpstream.jsonHead(OK_JSON);
              if (body.contains("\"stall\"")) {
                write(out, head + OK_JSON.substring(0, 10)); // and the rest never comes
                NEVER.await(20, TimeUnit.SECONDS);
                return false;
              }
              write(out, head + OK_JSON);
              return true;
            });
    gateway =
        GatewayServer.start(
            TestConfigs.with(
                Map.of(
                    "mcp",
                    new ConnectionSettings(
                        "mcp",
                        URI.create("http://127.0.0.1:" + upstream.port() + "/mcp"),
                        null,
                        null)),
                new TimeoutSettings(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(5),
                    REQUEST_TIMEOUT,
                    Duration.ofSeconds(15))));
  }

  @AfterAll
  static void stop() throws Exception {
    NEVER.countDown();
    gateway.close();
    upstream.close();
  }

  private static HttpResponse<String> post(String tool) throws Exception {
    return McpPost.post(
        gateway,
        "mcp",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\"}}");
  }

  @Test
  void exchangesInARowOnOneConnectionOutlastTheTimeoutsWithoutTrippingThem() throws Exception {
    long end = System.nanoTime() + 3 * REQUEST_TIMEOUT.toNanos();
    int n = 0;
    while (System.nanoTime() < end) {
      HttpResponse<String> response = post("ok");
      assertThat(response.statusCode()).as("exchange %d", n).isEqualTo(200);
      assertThat(response.body()).isEqualTo(OK_JSON);
      n++;
    }
    assertThat(n).isGreaterThan(3);
  }

  @Test
  void aReplyThatStopsHalfwayIs504AtTheRequestDeadline() throws Exception {
    // The same pooled connection served an exchange just before: its timer task is pending, due
    // at that exchange's deadline, before this one's, so it must re-arm when it fires.
    assertThat(post("ok").statusCode()).isEqualTo(200);
    long started = System.nanoTime();
    HttpResponse<String> response = post("stall");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(response.statusCode()).isEqualTo(504);
    JsonNode body = JsonRpcParser.MAPPER.readTree(response.body());
    assertThat(body.path("id").asInt()).isEqualTo(7);
    assertThat(body.path("error").path("code").asInt()).isEqualTo(-32003);
    assertThat(body.path("error").path("message").asText()).contains("deadline");
    assertThat(tookMillis).isGreaterThanOrEqualTo(REQUEST_TIMEOUT.toMillis() - 50);
    assertThat(post("ok").statusCode()).isEqualTo(200);
  }
}
