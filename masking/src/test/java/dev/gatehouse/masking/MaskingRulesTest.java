package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class MaskingRulesTest {

  @Test
  void defaultsEnableEveryBuiltInDetector() {
    ObjectNode json = MaskingRules.defaults().toJson();
    assertThat(json.at("/sets/default/detectors").size()).isEqualTo(BuiltInDetectors.NAMES.size());
    assertThat(json.at("/sets/default/detectors/phone/regions").toString())
        .isEqualTo("[\"US\",\"GB\",\"DE\",\"FR\"]");
    assertThat(json.at("/default_set").textValue()).isEqualTo("default");
  }

  @Test
  void unknownDetectorNamesTheRule() {
    assertThatThrownBy(() -> MaskingRules.fromJson(Json.node("{'detectors':['email','emial']}")))
        .isInstanceOf(MaskingConfigException.class)
        .hasMessageContaining("'default/emial'")
        .hasMessageContaining("unknown detector")
        .extracting(e -> ((MaskingConfigException) e).rule())
        .isEqualTo("default/emial");
  }

  @Test
  void invalidOrDangerousRegexNamesTheRule() {
    assertThatThrownBy(
            () ->
                MaskingRules.fromJson(Json.node("{'custom':[{'name':'emp','regex':'EMP-[0-9'}]}")))
        .isInstanceOf(MaskingConfigException.class)
        .hasMessageContaining("'default/emp'")
        .hasMessageContaining("invalid regex");
    assertThatThrownBy(
            () ->
                MaskingRules.fromJson(
                    Json.node("{'custom':[{'name':'redos','regex':'(\\\\w+\\\\s?)+$'}]}")))
        .isInstanceOf(MaskingConfigException.class)
        .hasMessageContaining("'default/redos'")
        .hasMessageContaining("unbounded quantifier");
  }

  @Test
  void otherConfigurationErrorsAreNamed() {
    assertThatThrownBy(() -> MaskingRules.fromJson(Json.node("{'detectors':{'email':'hide'}}")))
        .hasMessageContaining("'default/email'")
        .hasMessageContaining("unknown action");
    assertThatThrownBy(
            () -> MaskingRules.fromJson(Json.node("{'detectors':{'phone':{'regions':['XX']}}}")))
        .hasMessageContaining("unknown phone region");
    assertThatThrownBy(
            () -> MaskingRules.fromJson(Json.node("{'detectors':{'email':{'acton':'redact'}}}")))
        .hasMessageContaining("unknown option 'acton'");
    assertThatThrownBy(() -> MaskingRules.fromJson(Json.node("{'detectors':{'email':'hash'}}")))
        .hasMessageContaining("needs masking.hash_key");
    assertThatThrownBy(() -> MaskingRules.fromJson(Json.node("{'connections':{'crm':'strict'}}")))
        .hasMessageContaining("connections.crm");
    assertThatThrownBy(
            () -> MaskingRules.fromJson(Json.node("{'custom':[{'name':'email','terms':['x']}]}")))
        .hasMessageContaining("differ from the built-in");
  }

  @Test
  void canonicalJsonRoundTrips() {
    MaskingRules rules =
        MaskingRules.fromJson(
            Json.node(
                "{'hash_key':{'env':'K'},'default_set':'standard','sets':{'standard':{"
                    + "'detectors':{'email':{'action':'hash','allow':['a@b.example.com']},"
                    + "'credit_card':'partial','ipv4':{'ignore':['private']}},"
                    + "'custom':[{'name':'emp','regex':'EMP-[0-9]{6}','action':'drop'},"
                    + "{'name':'names','terms':['Falcon'],'direction':'both'}],"
                    + "'fields':[{'name':'pw','keys':['*password*']}]},'open':{'detectors':[]}},"
                    + "'connections':{'wiki':'open','scratch':'none'}}"),
            MaskingEngineTest.KEY);
    ObjectNode json = rules.toJson();
    MaskingRules again = MaskingRules.fromJson(json, MaskingEngineTest.KEY);
    assertThat(again.toJson()).isEqualTo(json);
    assertThat(json.at("/sets/standard/detectors/credit_card/keep").intValue()).isEqualTo(4);
    assertThat(json.at("/sets/standard/detectors/ipv4/ignore/0").textValue()).isEqualTo("private");
    assertThat(again.engineFor("wiki").ruleSet()).isEqualTo("open");
    assertThat(again.engineFor("scratch")).isSameAs(MaskingEngine.NONE);
    assertThat(again.engineFor("anything").ruleSet()).isEqualTo("standard");
  }

  @Test
  void clearTextIsSetForTheSectionAndReplacedPerConnection() {
    MaskingRules rules =
        MaskingRules.fromJson(
            Json.node(
                "{'sets':{'standard':{},'open':{'detectors':[]}},'default_set':'standard',"
                    + "'clear_text':{'groups':['support-leads']},"
                    + "'connections':{'crm':{'set':'standard','clear_text':{'subjects':['ada']}},"
                    + "'billing':{'clear_text':{}},'wiki':'open',"
                    + "'hr':{'set':'open'}}}"));

    assertThat(rules.clearTextFor("anything").groups()).containsExactly("support-leads");
    assertThat(rules.clearTextFor(null).groups()).containsExactly("support-leads");
    assertThat(rules.clearTextFor("wiki").groups()).containsExactly("support-leads");
    // A connection's own grant replaces the section's; it does not add to it.
    assertThat(rules.clearTextFor("crm").subjects()).containsExactly("ada");
    assertThat(rules.clearTextFor("crm").groups()).isEmpty();
    assertThat(rules.clearTextFor("billing").isEmpty()).isTrue();
    // {clear_text} without a set keeps following default_set.
    assertThat(rules.engineFor("billing").ruleSet()).isEqualTo("standard");
    assertThat(rules.engineFor("hr").ruleSet()).isEqualTo("open");

    ObjectNode json = rules.toJson();
    assertThat(json.at("/clear_text"))
        .isEqualTo(Json.node("{'groups':['support-leads'],'subjects':[]}"));
    assertThat(json.at("/connections/crm"))
        .isEqualTo(Json.node("{'set':'standard','clear_text':{'groups':[],'subjects':['ada']}}"));
    assertThat(json.at("/connections/billing"))
        .isEqualTo(Json.node("{'clear_text':{'groups':[],'subjects':[]}}"));
    assertThat(json.at("/connections/hr").textValue()).isEqualTo("open");
    MaskingRules again = MaskingRules.fromJson(json);
    assertThat(again.toJson()).isEqualTo(json);
    assertThat(again.clearTextFor("crm")).isEqualTo(rules.clearTextFor("crm"));
    assertThat(again.clearTextFor("billing")).isEqualTo(ClearTextGrant.NOBODY);
    assertThat(rules.describeClearText())
        .isEqualTo("every connection: group support-leads; billing: nobody; crm: subject ada");
  }

  @Test
  void byDefaultNobodySeesClearText() {
    MaskingRules rules = MaskingRules.defaults();
    assertThat(rules.clearTextFor("crm")).isEqualTo(ClearTextGrant.NOBODY);
    assertThat(rules.describeClearText()).isNull();
    assertThat(
            MaskingRules.fromJson(Json.node("{'connections':{'crm':{'clear_text':{}}}}"))
                .describeClearText())
        .isNull();
    assertThat(rules.toJson().at("/clear_text"))
        .isEqualTo(Json.node("{'groups':[],'subjects':[]}"));
  }

  @Test
  void clearTextErrorsNameTheKey() {
    assertThatThrownBy(
            () -> MaskingRules.fromJson(Json.node("{'clear_text':{'groupz':['support-leads']}}")))
        .isInstanceOf(MaskingConfigException.class)
        .hasMessageContaining("'clear_text'")
        .hasMessageContaining("unknown option 'groupz'");
    assertThatThrownBy(
            () ->
                MaskingRules.fromJson(
                    Json.node("{'connections':{'crm':{'clear_txt':{'groups':['a']}}}}")))
        .hasMessageContaining("'connections.crm'")
        .hasMessageContaining("unknown option 'clear_txt'");
    assertThatThrownBy(
            () ->
                MaskingRules.fromJson(
                    Json.node("{'connections':{'crm':{'clear_text':{'subject':['a']}}}}")))
        .hasMessageContaining("'connections.crm.clear_text'")
        .hasMessageContaining("unknown option 'subject'");
    assertThatThrownBy(() -> MaskingRules.fromJson(Json.node("{'connections':{'crm':{}}}")))
        .hasMessageContaining("'connections.crm'");
    assertThatThrownBy(
            () -> MaskingRules.fromJson(Json.node("{'connections':{'crm':{'set':'strict'}}}")))
        .hasMessageContaining("rule set 'strict' is not defined");
  }
}
