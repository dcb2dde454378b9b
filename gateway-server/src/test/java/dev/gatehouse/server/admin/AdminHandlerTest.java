package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.RequestFilter;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.features.MaskingFeature;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin listener's handler on an embedded channel: probes answer at once without a token; an
 * admin request whose authentication has to wait stops the channel reading until its reply is
 * written, on the channel's loop.
 */
class AdminHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Identity ADMIN =
      new Identity("alice", "Alice", Set.of("admins"), Identity.Kind.USER, null, "https://idp");

  @TempDir Path dir;
  private MaskingAdmin masking;
  private final CompletableFuture<Decision> keys = new CompletableFuture<>();

  @BeforeEach
  void start() {
    masking =
        MaskingAdmin.start(
            MaskingFeature.from(
                ConfigLoader.fromString(
                    "admin: {stateDir: %s}\nconnections: {demo: {upstream: http://127.0.0.1:1/mcp}}\n"
                        .formatted(dir),
                    "handler-test.yaml")),
            null,
            "hash");
  }

  @AfterEach
  void stop() {
    masking.close();
  }

  /** Authentication that waits for "the IdP's keys", then establishes the admin identity. */
  private RequestFilter waitingAuthentication() {
    return (McpExchange exchange) ->
        Decision.waitFor(
            keys.thenApplyAsync(
                d -> {
                  exchange.identity(ADMIN);
                  return d;
                },
                exchange.executor()),
            "keys");
  }

  private static DefaultFullHttpRequest get(String uri) {
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
  }

  private static JsonNode body(FullHttpResponse response) throws Exception {
    try {
      return JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  @Test
  void probesAnswerWithoutAToken() throws Exception {
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new AdminHandler(
                new ReadinessChecks(),
                new AdminApi(new AdminAuthenticator(waitingAuthentication(), "admins"), masking)));
    channel.writeInbound(get("/healthz"));
    FullHttpResponse health = channel.readOutbound();
    assertThat(health.status().code()).isEqualTo(200);
    assertThat(body(health).path("status").asText()).isEqualTo("ok");
    channel.writeInbound(get("/nothing"));
    FullHttpResponse missing = channel.readOutbound();
    assertThat(missing.status().code()).isEqualTo(404);
    missing.release();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void anAdminReplyThatWaitsPausesReadingUntilItIsWritten() throws Exception {
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new AdminHandler(
                new ReadinessChecks(),
                new AdminApi(new AdminAuthenticator(waitingAuthentication(), "admins"), masking)));
    channel.writeInbound(get("/admin/masking/rules"));
    channel.runPendingTasks();
    Object nothingYet = channel.readOutbound();
    assertThat(nothingYet).isNull();
    assertThat(channel.config().isAutoRead()).isFalse();

    keys.complete(Decision.CONTINUE);
    channel.runPendingTasks();
    channel.runPendingTasks();
    FullHttpResponse reply = channel.readOutbound();
    assertThat(reply.status().code()).isEqualTo(200);
    assertThat(reply.headers().get("ETag")).isNotBlank();
    assertThat(body(reply).at("/sets/default/detectors").has("email")).isTrue();
    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void withoutAuthenticationTheAdminApiIsRefusedAtOnce() throws Exception {
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new AdminHandler(
                new ReadinessChecks(), new AdminApi(new AdminAuthenticator(null, null), masking)));
    channel.writeInbound(get("/admin/masking/rules"));
    channel.runPendingTasks();
    FullHttpResponse reply = channel.readOutbound();
    assertThat(reply.status().code()).isEqualTo(403);
    assertThat(body(reply).path("error").asText()).isEqualTo("admin_disabled");
    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }
}
