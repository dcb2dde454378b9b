package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingEngineTest {
  static final KeyResolver KEY =
      ref -> "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  final MaskingEngine defaults = MaskingRules.defaults().engineFor("any");

  @Test
  void masksToolResultTextAndStructuredContent() {
    ObjectNode m =
        Json.obj(
            "{'jsonrpc':'2.0','id':7,'result':{'content':[{'type':'text','text':'Customer"
                + " jane@example.com card 4111 1111 1111 1111'}],'structuredContent':{'customer':"
                + "{'email':'jane@example.com','card':4111111111111111,'tags':['vip']}},"
                + "'isError':false}}");
    MaskResult r = defaults.maskMessage(m);
    assertThat(m.at("/result/content/0/text").textValue())
        .isEqualTo("Customer [EMAIL] card [CREDIT_CARD]");
    assertThat(m.at("/result/structuredContent/customer/email").textValue()).isEqualTo("[EMAIL]");
    // A card stored as a JSON number becomes a masked string.
    assertThat(m.at("/result/structuredContent/customer/card").textValue())
        .isEqualTo("[CREDIT_CARD]");
    assertThat(m.at("/id").intValue()).isEqualTo(7);
    assertThat(r.counts()).isEqualTo(Map.of("email", 2, "credit_card", 2));
  }

  @Test
  void leavesProtocolFieldsAndMediaAlone() {
    String original =
        "{'jsonrpc':'2.0','id':'jane@example.com','result':{'content':[{'type':'image','data':"
            + "'amFuZUBleGFtcGxlLmNvbQ==','mimeType':'image/png'},{'type':'resource_link','uri':"
            + "'mailto:jane@example.com','name':'jane@example.com'}],'nextCursor':"
            + "'jane@example.com','_meta':{'progressToken':'jane@example.com'}}}";
    ObjectNode m = Json.obj(original);
    defaults.maskMessage(m);
    assertThat(m.get("id").textValue()).isEqualTo("jane@example.com");
    assertThat(m.at("/result/content/0/data").textValue()).isEqualTo("amFuZUBleGFtcGxlLmNvbQ==");
    assertThat(m.at("/result/content/1/uri").textValue()).isEqualTo("mailto:jane@example.com");
    // The resource link's display name is text for a human: masked.
    assertThat(m.at("/result/content/1/name").textValue()).isEqualTo("[EMAIL]");
    assertThat(m.at("/result/nextCursor").textValue()).isEqualTo("jane@example.com");
    assertThat(m.at("/result/_meta/progressToken").textValue()).isEqualTo("jane@example.com");
  }

  @Test
  void masksNotificationsErrorsAndServerRequests() {
    ObjectNode log =
        Json.obj(
            "{'jsonrpc':'2.0','method':'notifications/message','params':{'level':'info','data':"
                + "{'msg':'login from 84.17.33.201 by bob@corp.example.org'}}}");
    defaults.maskMessage(log);
    assertThat(log.at("/params/data/msg").textValue()).isEqualTo("login from [IPV4] by [EMAIL]");
    assertThat(log.get("method").textValue()).isEqualTo("notifications/message");

    ObjectNode err =
        Json.obj(
            "{'jsonrpc':'2.0','id':1,'error':{'code':-32000,'message':'no user bob@x.example.com',"
                + "'data':{'hint':'token ghp_0123456789abcdefghijABCDEFGHIJ012345'}}}");
    defaults.maskMessage(err);
    assertThat(err.at("/error/message").textValue()).isEqualTo("no user [EMAIL]");
    assertThat(err.at("/error/data/hint").textValue()).isEqualTo("token [GITHUB_TOKEN]");
    assertThat(err.at("/error/code").intValue()).isEqualTo(-32000);

    ObjectNode sampling =
        Json.obj(
            "{'jsonrpc':'2.0','id':3,'method':'sampling/createMessage','params':{'messages':"
                + "[{'role':'user','content':{'type':'text','text':'summarise for"
                + " bob@corp.example.org'}}],'maxTokens':100}}");
    defaults.maskMessage(sampling);
    assertThat(sampling.at("/params/messages/0/content/text").textValue())
        .isEqualTo("summarise for [EMAIL]");
  }

  @Test
  void masksTheSameWithMoreRulesThanTheGateBitSetsHold() {
    // 70 custom term rules on top of the defaults: past 64 rules the engine tests each rule's gate
    // in a loop instead of through bit sets; both must pick the same rules.
    StringBuilder custom = new StringBuilder();
    for (int k = 0; k < 70; k++) {
      custom.append(k == 0 ? "" : ",").append("{'name':'t").append(k).append("',");
      custom.append("'terms':['Falcon").append(k).append("']}");
    }
    MaskingEngine many =
        MaskingRules.fromJson(Json.node("{'sets':{'big':{'custom':[" + custom + "]}}}"))
            .engineFor("crm");
    String text = "Falcon63 and Falcon69 wrote to jane@example.com from +44 20 7946 0958";
    ObjectNode m =
        Json.obj("{'jsonrpc':'2.0','id':1,'result':{'content':[{'type':'text','text':'x'}]}}");
    ((ObjectNode) m.at("/result/content/0")).put("text", text);
    many.maskMessage(m);
    assertThat(m.at("/result/content/0/text").textValue())
        .isEqualTo("[T63] and [T69] wrote to [EMAIL] from [PHONE]");
  }

  @Test
  void decodesUnicodeEscapesInsideTextBeforeDetecting() {
    ObjectNode m =
        Json.obj("{'jsonrpc':'2.0','id':1,'result':{'content':[{'type':'text','text':'x'}]}}");
    // The text holds JSON whose own string escapes '@' as \\u0040.
    ((ObjectNode) m.at("/result/content/0")).put("text", "{\"email\":\"jane\\u0040example.com\"}");
    defaults.maskMessage(m);
    assertThat(m.at("/result/content/0/text").textValue()).isEqualTo("{\"email\":\"[EMAIL]\"}");
  }

  @Test
  void actionsPartialHashAndDrop() {
    MaskingRules rules =
        MaskingRules.fromJson(
            Json.node(
                "{'hash_key':{'env':'X'},'detectors':{'credit_card':{'action':'partial','keep':4},"
                    + "'email':{'action':'hash'},'us_ssn':'drop'}}"),
            KEY);
    MaskingEngine e = rules.engineFor("c");
    ObjectNode m =
        Json.obj(
            "{'jsonrpc':'2.0','id':1,'result':{'structuredContent':{'card':'4111 1111 1111 1111',"
                + "'a':'jane@example.com','b':'JANE@example.com','ssn':'536-22-8726',"
                + "'list':['536-22-8726','ok'],'note':'ssn 536-22-8726 on file'}}}");
    e.maskMessage(m);
    assertThat(m.at("/result/structuredContent/card").textValue()).isEqualTo("**** **** **** 1111");
    String a = m.at("/result/structuredContent/a").textValue();
    assertThat(a).matches("\\[EMAIL:[0-9a-f]{8}\\]");
    // Deterministic and case-normalised: the same address gives the same tag.
    assertThat(m.at("/result/structuredContent/b").textValue()).isEqualTo(a);
    assertThat(m.at("/result/structuredContent").has("ssn")).isFalse();
    assertThat(m.at("/result/structuredContent/list").size()).isEqualTo(1);
    // Inside a longer string, drop redacts.
    assertThat(m.at("/result/structuredContent/note").textValue())
        .isEqualTo("ssn [US_SSN] on file");
  }

  @Test
  void fieldRulesMaskWholeValuesAnywhereButNotSchemas() {
    MaskingRules rules =
        MaskingRules.fromJson(
            Json.node(
                "{'detectors':[],'fields':[{'name':'secrets','keys':['password','*token*'],"
                    + "'action':'redact'}]}"));
    MaskingEngine e = rules.engineFor("c");
    ObjectNode m =
        Json.obj(
            "{'jsonrpc':'2.0','id':1,'result':{'structuredContent':{'rows':[{'Password':'x1',"
                + "'refresh_token':{'v':'abc','n':5},'user':'u'}]},'tools':[{'name':'t',"
                + "'inputSchema':{'type':'object','properties':{'api_token':{'type':'string'}}}}]}}");
    MaskResult r = e.maskMessage(m);
    assertThat(m.at("/result/structuredContent/rows/0/Password").textValue())
        .isEqualTo("[SECRETS]");
    assertThat(m.at("/result/structuredContent/rows/0/refresh_token/v").textValue())
        .isEqualTo("[SECRETS]");
    assertThat(m.at("/result/structuredContent/rows/0/refresh_token/n").textValue())
        .isEqualTo("[SECRETS]");
    assertThat(m.at("/result/structuredContent/rows/0/user").textValue()).isEqualTo("u");
    assertThat(m.at("/result/tools/0/inputSchema/properties/api_token/type").textValue())
        .isEqualTo("string");
    assertThat(r.counts()).isEqualTo(Map.of("secrets", 3));
  }

  @Test
  void allowListsAndCustomRules() {
    MaskingRules rules =
        MaskingRules.fromJson(
            Json.node(
                "{'detectors':{'email':{'allow':['Support@Acme.example.com']},'credit_card':{"
                    + "'allow':['4111-1111-1111-1111']}},'custom':[{'name':'employee_id',"
                    + "'regex':'EMP-[0-9]{6}'},{'name':'codenames','terms':['Falcon']}]}"));
    MaskingEngine e = rules.engineFor("c");
    ObjectNode m =
        Json.obj(
            "{'jsonrpc':'2.0','id':1,'result':{'content':[{'type':'text','text':'support@acme."
                + "example.com, 4111111111111111, 5500000000000004, EMP-001234, project falcon'}]}}");
    e.maskMessage(m);
    assertThat(m.at("/result/content/0/text").textValue())
        .isEqualTo(
            "support@acme.example.com, 4111111111111111, [CREDIT_CARD], [EMPLOYEE_ID], project"
                + " [CODENAMES]");
  }

  @Test
  void requestDirectionMasksOnlyArgumentsWithRequestRules() {
    MaskingRules rules =
        MaskingRules.fromJson(
            Json.node("{'detectors':{'email':{},'secret_assignment':{'direction':'both'}}}"));
    MaskingEngine e = rules.engineFor("c");
    ObjectNode call =
        Json.obj(
            "{'jsonrpc':'2.0','id':1,'method':'tools/call','params':{'name':'deploy','arguments':"
                + "{'to':'jane@example.com','password':'Hunter2Hunter2'}}}");
    MaskResult r = e.maskArguments(call);
    assertThat(call.at("/params/arguments/to").textValue()).isEqualTo("jane@example.com");
    assertThat(call.at("/params/arguments/password").textValue()).isEqualTo("[SECRET_ASSIGNMENT]");
    assertThat(call.at("/params/name").textValue()).isEqualTo("deploy");
    assertThat(r.counts()).isEqualTo(Map.of("secret_assignment", 1));
  }

  @Test
  void overlappingMatchesAreMaskedAsOneSpan() {
    ObjectNode m =
        Json.obj(
            "{'jsonrpc':'2.0','id':1,'result':{'content':[{'type':'text','text':"
                + "'password=sk_live_51HxYzAbCdEfGhIjKlMnOpQr'}]}}");
    MaskResult r = defaults.maskMessage(m);
    assertThat(m.at("/result/content/0/text").textValue()).isEqualTo("password=[STRIPE_KEY]");
    assertThat(r.counts()).isEqualTo(Map.of("stripe_key", 1));
  }

  @Test
  void noneSetMasksNothing() {
    MaskingRules rules = MaskingRules.fromJson(Json.node("{'connections':{'wiki':'none'}}"));
    ObjectNode m =
        Json.obj(
            "{'jsonrpc':'2.0','id':1,'result':{'content':[{'type':'text','text':'a@b.example.com'}]}}");
    assertThat(rules.engineFor("wiki").maskMessage(m)).isEqualTo(MaskResult.NONE);
    assertThat(m.at("/result/content/0/text").textValue()).isEqualTo("a@b.example.com");
    assertThat(rules.engineFor("other").maskMessage(m).total()).isEqualTo(1);
  }

  @Test
  void regexFailuresEscapeToTheCaller() {
    // Neither pattern repeats a group without bound around an unbounded quantifier, so the
    // configuration accepts them; the read budget (polynomial backtracking of a bounded repeat)
    // and the recursion guard (a long input under a starred alternation) stop them at run time.
    MaskingRules rules =
        MaskingRules.fromJson(
            Json.node(
                "{'detectors':[],'custom':[{'name':'slow','regex':'(.*a){10}c'},"
                    + "{'name':'deep','regex':'(a|aa)*c'}]}"));
    for (String text : new String[] {"a".repeat(40), "a".repeat(50_000)}) {
      ObjectNode m = Json.obj("{'jsonrpc':'2.0','id':1,'result':{}}");
      ((ObjectNode) m.get("result")).put("text", text);
      assertThatThrownBy(() -> rules.engineFor("c").maskMessage(m))
          .isInstanceOf(dev.gatehouse.masking.detect.RegexDetector.BudgetExceededException.class);
    }
  }
}
