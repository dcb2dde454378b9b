package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Identity;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClearTextGrantTest {
  static Identity user(String subject, String... groups) {
    return new Identity(subject, subject, Set.of(groups), Identity.Kind.USER, "jti", "https://idp");
  }

  @Test
  void matchesByGroupOrSubjectAndSaysWhich() {
    ClearTextGrant grant =
        ClearTextGrant.fromJson(
            "clear_text", Json.node("{'groups':['support-leads'],'subjects':['auditor@x']}"));

    assertThat(grant.match(user("lee", "support", "support-leads")))
        .isEqualTo("group:support-leads");
    assertThat(grant.match(user("auditor@x"))).isEqualTo("subject:auditor@x");
    assertThat(grant.match(user("sam", "support"))).isNull();
    assertThat(
            grant.match(
                new Identity(
                    "ci",
                    null,
                    Set.of("support-leads"),
                    Identity.Kind.SERVICE,
                    null,
                    "https://idp")))
        .as("a service identity is matched like a person")
        .isEqualTo("group:support-leads");
  }

  @Test
  void anonymousOrMissingIdentitiesNeverMatch() {
    ClearTextGrant grant =
        ClearTextGrant.fromJson("clear_text", Json.node("{'subjects':['anonymous']}"));

    assertThat(grant.match(Identity.ANONYMOUS)).isNull();
    assertThat(grant.match(null)).isNull();
    assertThat(
            new ClearTextGrant(Set.of("g"), Set.of())
                .match(new Identity("a", "a", Set.of("g"), Identity.Kind.ANONYMOUS, null, null)))
        .isNull();
  }

  @Test
  void absentMeansNobody() {
    assertThat(ClearTextGrant.fromJson("clear_text", null)).isEqualTo(ClearTextGrant.NOBODY);
    assertThat(ClearTextGrant.NOBODY.match(user("lee", "support-leads"))).isNull();
    assertThat(ClearTextGrant.fromJson("clear_text", Json.node("{}")).isEmpty()).isTrue();
  }

  @Test
  void badShapesNameTheKey() {
    assertThatThrownBy(
            () -> ClearTextGrant.fromJson("clear_text", Json.node("{'group':['support-leads']}")))
        .isInstanceOf(MaskingConfigException.class)
        .hasMessageContaining("'clear_text'")
        .hasMessageContaining("unknown option 'group'");
    assertThatThrownBy(
            () -> ClearTextGrant.fromJson("clear_text", Json.node("{'groups':'support-leads'}")))
        .hasMessageContaining("'clear_text.groups'")
        .hasMessageContaining("list");
    assertThatThrownBy(() -> ClearTextGrant.fromJson("clear_text", Json.node("{'subjects':['']}")))
        .hasMessageContaining("'clear_text.subjects'");
    assertThatThrownBy(() -> ClearTextGrant.fromJson("clear_text", Json.node("['x']")))
        .hasMessageContaining("mapping");
  }

  @Test
  void canonicalFormListsBothInOrder() {
    ClearTextGrant grant = ClearTextGrant.fromJson("clear_text", Json.node("{'groups':['b','a']}"));
    assertThat(grant.toJson()).isEqualTo(Json.node("{'groups':['b','a'],'subjects':[]}"));
  }
}
