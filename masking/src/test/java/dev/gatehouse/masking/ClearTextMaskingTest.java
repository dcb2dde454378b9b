package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.ServerMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The masking decision for identities a {@link ClearTextGrant} names: the client gets clear text,
 * the audit gets a masked copy with the usual counts and a marker, and argument masking still
 * applies.
 */
class ClearTextMaskingTest {
  private static final String EMAIL = "ada.lovelace@example.com";
  private static final Identity LEAD = ClearTextGrantTest.user("lee", "support", "support-leads");
  private static final Identity AGENT = ClearTextGrantTest.user("sam", "support");

  private static MaskingFilter filter() {
    return new MaskingFilter(
        MaskingRules.fromJson(
            Json.node(
                "{'clear_text':{'groups':['support-leads']},"
                    + "'detectors':{'email':{},'github_token':{'direction':'both'}}}")));
  }

  private static McpExchange exchange(Identity identity) {
    McpExchange ex = MaskingFilterTest.exchange("crm");
    ex.identity(identity);
    return ex;
  }

  private static String text(ObjectNode message) {
    return message.at("/result/content/0/text").textValue();
  }

  @Test
  void aClearTextIdentityGetsClearTextAndTheAuditAMaskedCopy() {
    McpExchange ex = exchange(LEAD);
    ServerMessage message =
        new ServerMessage(MaskingFilterTest.result("mail " + EMAIL), false, 200);

    assertThat(filter().onServerMessage(ex, message)).isEqualTo(Decision.CONTINUE);

    assertThat(text(message.message())).isEqualTo("mail " + EMAIL);
    assertThat(ex.get(MaskingKeys.CLEAR_TEXT)).isEqualTo("group:support-leads");
    assertThat(ex.get(MaskingKeys.MASK_COUNTS))
        .as("what the audit copy masked")
        .isEqualTo(Map.of("email", 1));
    JsonNode audited = ClearTextAudit.response(ex, message.message());
    assertThat(audited).isNotSameAs(message.message());
    assertThat(audited.at("/result/content/0/text").textValue()).isEqualTo("mail [EMAIL]");
    assertThat(audited.at("/id").intValue()).isEqualTo(42);
  }

  @Test
  void anyoneElseIsMaskedAndAuditedUnchanged() {
    for (Identity who : new Identity[] {AGENT, Identity.ANONYMOUS}) {
      McpExchange ex = exchange(who);
      ServerMessage message = new ServerMessage(MaskingFilterTest.result(EMAIL), false, 200);

      filter().onServerMessage(ex, message);

      assertThat(text(message.message())).as(who.subject()).isEqualTo("[EMAIL]");
      assertThat(ex.get(MaskingKeys.CLEAR_TEXT)).isNull();
      assertThat(ClearTextAudit.response(ex, message.message())).isSameAs(message.message());
    }
  }

  @Test
  void aMessageWithoutItsMaskedCopyIsNeverAuditedInClear() {
    McpExchange ex = exchange(LEAD);
    MaskingFilter filter = filter();
    filter.onServerMessage(ex, new ServerMessage(MaskingFilterTest.result(EMAIL), false, 200));

    ObjectNode other = MaskingFilterTest.result(EMAIL);
    JsonNode audited = ClearTextAudit.response(ex, other);

    assertThat(audited.toString()).doesNotContain(EMAIL).contains("withheld");
  }

  @Test
  void aMessageMaskedAsUsualLaterInTheExchangeIsAuditedAsSent() {
    McpExchange ex = exchange(LEAD);
    MaskingFilter filter = filter();
    filter.onServerMessage(ex, new ServerMessage(MaskingFilterTest.result(EMAIL), false, 200));
    // An admin removes the grant while the stream is open: the next event is masked for the client.
    filter.update(MaskingRules.defaults());
    ServerMessage next = new ServerMessage(MaskingFilterTest.result(EMAIL), false, 200);

    filter.onServerMessage(ex, next);

    assertThat(text(next.message())).isEqualTo("[EMAIL]");
    assertThat(ClearTextAudit.response(ex, next.message())).isSameAs(next.message());
    assertThat(ex.get(MaskingKeys.MASK_COUNTS)).isEqualTo(Map.of("email", 2));
  }

  @Test
  void aCopyThatCannotBeMaskedWithholdsTheMessage() {
    MaskingFilter filter =
        new MaskingFilter(
            MaskingRules.fromJson(
                Json.node(
                    "{'clear_text':{'subjects':['lee']},'detectors':[],"
                        + "'custom':[{'name':'slow','regex':'(.*a){10}c'}]}")));
    McpExchange ex = exchange(LEAD);
    ServerMessage message = new ServerMessage(MaskingFilterTest.result("a".repeat(40)), false, 200);

    Decision d = filter.onServerMessage(ex, message);

    // Fail closed: what cannot be audited masked is not sent in clear either.
    assertThat(d).isInstanceOf(Decision.Respond.class);
    ObjectNode error = (ObjectNode) ((Decision.Respond) d).reply().body();
    assertThat(ClearTextAudit.response(ex, error)).isSameAs(error);
  }

  @Test
  void argumentsAreStillMaskedForAClearTextIdentity() {
    MaskingFilter filter = filter();
    McpExchange ex = exchange(LEAD);
    ex.body(
        JsonRpcParser.parse(
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"t\","
                    + "\"arguments\":{\"token\":\"ghp_0123456789abcdefghijABCDEFGHIJ012345\"}}}")
                .getBytes(StandardCharsets.UTF_8)));

    assertThat(new MaskingRequestFilter(filter).onRequest(ex)).isEqualTo(Decision.CONTINUE);

    assertThat(ex.messages().first().node().at("/params/arguments/token").textValue())
        .isEqualTo("[GITHUB_TOKEN]");
  }

  @Test
  void aConnectionThatMasksNothingNeedsNoMarker() {
    MaskingFilter filter =
        new MaskingFilter(
            MaskingRules.fromJson(
                Json.node(
                    "{'clear_text':{'groups':['support-leads']},'connections':{'crm':'none'}}")));
    McpExchange ex = exchange(LEAD);
    ServerMessage message = new ServerMessage(MaskingFilterTest.result(EMAIL), false, 200);

    filter.onServerMessage(ex, message);

    assertThat(text(message.message())).isEqualTo(EMAIL);
    assertThat(ex.get(MaskingKeys.CLEAR_TEXT)).isNull();
    assertThat(ClearTextAudit.response(ex, message.message())).isSameAs(message.message());
  }
}
