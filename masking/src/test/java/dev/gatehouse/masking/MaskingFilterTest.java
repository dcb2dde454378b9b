package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.ServerMessage;
import dev.gatehouse.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingFilterTest {

  static McpExchange exchange(String connection) {
    return McpExchange.builder()
        .exchangeId("x1")
        .connection(connection)
        .httpMethod("POST")
        .executor(Runnable::run)
        .build();
  }

  static ObjectNode result(String text) {
    ObjectNode m = Json.obj("{'jsonrpc':'2.0','id':42,'result':{'content':[{'type':'text'}]}}");
    ((ObjectNode) m.at("/result/content/0")).put("text", text);
    return m;
  }

  @Test
  void masksAndAccumulatesCountsAcrossMessages() {
    MaskingFilter filter = new MaskingFilter(MaskingRules.defaults());
    McpExchange ex = exchange("crm");
    ServerMessage first = new ServerMessage(result("a@b.example.com"), false, 200);
    ServerMessage second = new ServerMessage(result("c@d.example.com 84.17.33.201"), false, 200);
    assertThat(filter.onServerMessage(ex, first)).isEqualTo(Decision.CONTINUE);
    assertThat(filter.onServerMessage(ex, second)).isEqualTo(Decision.CONTINUE);
    assertThat(first.message().at("/result/content/0/text").textValue()).isEqualTo("[EMAIL]");
    assertThat(ex.get(MaskingKeys.MASK_COUNTS)).isEqualTo(Map.of("email", 2, "ipv4", 1));
  }

  @Test
  void aFailureWithholdsTheMessage() {
    MaskingRules rules =
        MaskingRules.fromJson(
            Json.node("{'detectors':[],'custom':[{'name':'slow','regex':'(.*a){10}c'}]}"));
    MaskingFilter filter = new MaskingFilter(rules);
    ServerMessage message = new ServerMessage(result("a".repeat(40)), false, 200);
    Decision d = filter.onServerMessage(exchange("crm"), message);
    assertThat(d).isInstanceOf(Decision.Respond.class);
    Decision.Respond r = (Decision.Respond) d;
    assertThat(r.reply().status()).isEqualTo(500);
    assertThat(r.reply().body().at("/id").intValue()).isEqualTo(42);
    assertThat(r.reply().body().at("/error/code").intValue())
        .isEqualTo(JsonRpcErrors.INTERNAL_ERROR);
    assertThat(r.reply().body().at("/error/message").textValue())
        .isEqualTo("response could not be masked; withheld");
    assertThat(r.verdict().outcome()).isEqualTo(Verdict.Outcome.FAILED);
    assertThat(r.verdict().rule()).isEqualTo(MaskingFilter.RULE);
  }

  @Test
  void anUpdateAppliesToTheNextMessage() {
    MaskingFilter filter = new MaskingFilter(MaskingRules.fromJson(Json.node("{'detectors':[]}")));
    ServerMessage before = new ServerMessage(result("a@b.example.com"), false, 200);
    filter.onServerMessage(exchange("crm"), before);
    assertThat(before.message().at("/result/content/0/text").textValue())
        .isEqualTo("a@b.example.com");
    filter.update(MaskingRules.defaults());
    ServerMessage after = new ServerMessage(result("a@b.example.com"), false, 200);
    filter.onServerMessage(exchange("crm"), after);
    assertThat(after.message().at("/result/content/0/text").textValue()).isEqualTo("[EMAIL]");
  }

  @Test
  void requestFilterMasksArgumentsForRequestRules() {
    MaskingFilter filter =
        new MaskingFilter(
            MaskingRules.fromJson(
                Json.node("{'detectors':{'github_token':{'direction':'both'}}}")));
    MaskingRequestFilter requests = new MaskingRequestFilter(filter);
    McpExchange ex = exchange("crm");
    ex.body(
        JsonRpcParser.parse(
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"t\","
                    + "\"arguments\":{\"token\":\"ghp_0123456789abcdefghijABCDEFGHIJ012345\"}}}")
                .getBytes(StandardCharsets.UTF_8)));
    assertThat(requests.onRequest(ex)).isEqualTo(Decision.CONTINUE);
    assertThat(ex.messages().first().node().at("/params/arguments/token").textValue())
        .isEqualTo("[GITHUB_TOKEN]");
    assertThat(ex.get(MaskingKeys.MASK_COUNTS)).isEqualTo(Map.of("github_token", 1));
  }
}
