package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.store.FailingOpener;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.ServerMessage;
import dev.gatehouse.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFilterTest {
  @TempDir Path tmp;

  private static McpExchange exchange(String body) {
    McpExchange ex =
        McpExchange.builder()
            .exchangeId("ex-1")
            .connection("github")
            .httpMethod("POST")
            .clientAddress("10.0.0.7")
            .executor(Runnable::run)
            .build();
    ex.body(JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8)));
    ex.identity(
        new Identity(
            "alice", "Alice", Set.of("eng", "admins"), Identity.Kind.USER, "jti-9", "https://idp"));
    ex.sessionId("sess-1");
    return ex;
  }

  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) JsonRpcParser.MAPPER.readTree(s);
  }

  private static List<JsonNode> records(Path dir) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    LogReader.forEach(dir, (i, line) -> out.add(LogReader.parse(line)));
    return out;
  }

  @Test
  void durableModeHoldsTheMessageUntilTheRecordIsOnDisk() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key).withMaxPayloadBytes(200))) {
      log.configHash("abc123");
      AuditFilter filter = new AuditFilter(log);
      McpExchange ex =
          exchange(
              "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":{\"q\":\"x\"}}}");
      ex.put(AuditKeys.MASK_COUNTS, Map.of("email", 2));
      ex.verdict(Verdict.of(Verdict.Outcome.ALLOWED, "authz:eng", null));
      ServerMessage msg =
          new ServerMessage(
              json(
                  "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""
                      + "y".repeat(300)
                      + "\"}]}}"),
              false,
              200);
      Decision d = filter.onServerMessage(ex, msg);
      assertThat(d).isInstanceOf(Decision.Wait.class);
      Decision after = ((Decision.Wait) d).next().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(after).isEqualTo(Decision.CONTINUE);

      // A denial made by the gateway itself is recorded too.
      McpExchange denied =
          exchange(
              "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_repo\"}}");
      denied.verdict(Verdict.of(Verdict.Outcome.BLOCKED, "guardrail:no-delete", "blocked tool"));
      denied.put(AuditKeys.CLEAR_TEXT, "group:support-leads");
      Decision d2 =
          filter.onServerMessage(
              denied,
              new ServerMessage(
                  JsonRpcErrors.error(
                      denied.messages().first().id(), JsonRpcErrors.GATEWAY_REFUSED, "blocked"),
                  true,
                  0));
      ((Decision.Wait) d2).next().toCompletableFuture().get(10, TimeUnit.SECONDS);

      // A notification answered 202: an HTTP-only outcome.
      McpExchange note = exchange("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      Decision d3 = filter.onServerMessage(note, ServerMessage.httpOnly(202, false));
      ((Decision.Wait) d3).next().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    List<JsonNode> recs = records(dir);
    assertThat(recs).hasSize(3);
    JsonNode r = recs.get(0);
    assertThat(r.path("type").asText()).isEqualTo("exchange");
    assertThat(r.path("identity").path("subject").asText()).isEqualTo("alice");
    assertThat(r.path("identity").path("groups").toString()).isEqualTo("[\"admins\",\"eng\"]");
    assertThat(r.path("identity").path("tokenId").asText()).isEqualTo("jti-9");
    assertThat(r.path("identity").path("issuer").asText()).isEqualTo("https://idp");
    assertThat(r.path("clientAddress").asText()).isEqualTo("10.0.0.7");
    assertThat(r.path("connection").asText()).isEqualTo("github");
    assertThat(r.path("session").asText()).isEqualTo("sess-1");
    assertThat(r.path("method").asText()).isEqualTo("tools/call");
    assertThat(r.path("jsonrpcId").asInt()).isEqualTo(7);
    assertThat(r.path("target").asText()).isEqualTo("search");
    assertThat(r.path("request").path("arguments").path("q").asText()).isEqualTo("x");
    assertThat(r.path("response").path("truncated").asBoolean()).isTrue();
    assertThat(r.path("response").path("sha256").asText()).hasSize(64);
    assertThat(r.path("response").path("bytes").asInt()).isGreaterThan(300);
    assertThat(r.path("maskCounts").path("email").asInt()).isEqualTo(2);
    assertThat(r.has("clearText")).isFalse();
    assertThat(r.path("decision").path("outcome").asText()).isEqualTo("allowed");
    assertThat(r.path("decision").path("rule").asText()).isEqualTo("authz:eng");
    assertThat(r.path("upstreamStatus").asInt()).isEqualTo(200);
    assertThat(r.path("configHash").asText()).isEqualTo("abc123");
    assertThat(r.has("latencyMs")).isTrue();

    JsonNode denial = recs.get(1);
    assertThat(denial.path("decision").path("outcome").asText()).isEqualTo("blocked");
    assertThat(denial.path("decision").path("rule").asText()).isEqualTo("guardrail:no-delete");
    assertThat(denial.path("fromGateway").asBoolean()).isTrue();
    assertThat(denial.has("upstreamStatus")).isFalse();
    assertThat(denial.path("clearText").asText()).isEqualTo("group:support-leads");

    JsonNode http = recs.get(2);
    assertThat(http.path("message").asText()).isEqualTo("http");
    assertThat(http.path("httpStatus").asInt()).isEqualTo(202);
    assertThat(http.path("method").asText()).isEqualTo("notifications/initialized");
    assertThat(http.has("response")).isFalse();
  }

  @Test
  void anUnavailableLogReplacesTheMessageWithA503() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    FailingOpener opener = new FailingOpener();
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key).withFileOpener(opener))) {
      AuditFilter filter = new AuditFilter(log);
      McpExchange ex = exchange("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\"}");
      opener.full.set(true);
      Decision d =
          filter.onServerMessage(
              ex,
              new ServerMessage(
                  json("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}"), false, 200));
      Decision settled =
          d instanceof Decision.Wait w
              ? w.next().toCompletableFuture().get(10, TimeUnit.SECONDS)
              : d;
      assertThat(settled).isInstanceOf(Decision.Respond.class);
      Decision.Respond respond = (Decision.Respond) settled;
      assertThat(respond.reply().status()).isEqualTo(503);
      assertThat(respond.reply().body().path("id").asText()).isEqualTo("a");
      assertThat(respond.reply().body().path("error").path("code").asInt())
          .isEqualTo(JsonRpcErrors.SERVICE_UNAVAILABLE);
      assertThat(respond.reply().body().path("error").path("message").asText())
          .isEqualTo("audit log unavailable: audit log not writable: No space left on device");
      assertThat(respond.verdict().outcome()).isEqualTo(Verdict.Outcome.FAILED);

      // Once failed, the refusal is immediate (no wait).
      Decision again =
          filter.onServerMessage(
              ex,
              new ServerMessage(
                  json("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}"), false, 200));
      assertThat(again).isInstanceOf(Decision.Respond.class);
      opener.full.set(false);
    }
  }

  @Test
  void asyncModeReleasesAtOnce() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    try (AuditLog log =
        AuditLog.open(TestLogs.options(dir, key).withMode(AuditOptions.Mode.ASYNC))) {
      Decision d =
          new AuditFilter(log)
              .onServerMessage(
                  exchange("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"),
                  new ServerMessage(
                      json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), false, 200));
      assertThat(d).isEqualTo(Decision.CONTINUE);
    }
    assertThat(records(dir)).hasSize(1);
  }
}
