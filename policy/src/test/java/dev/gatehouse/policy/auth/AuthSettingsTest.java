package dev.gatehouse.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.policy.config.PolicyConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static AuthSettings parse(String json) throws Exception {
    return AuthSettings.parse(JSON.readTree(json), "/auth");
  }

  static String pointerOf(String json) {
    try {
      parse(json);
    } catch (PolicyConfigException e) {
      return e.pointer();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no error for " + json);
  }

  @Test
  void fullSectionParsesWithPerIssuerOverrides() throws Exception {
    AuthSettings s =
        parse(
            """
            {"issuers": [
               {"issuer": "https://idp.example.com/realms/corp", "groupsClaim": "realm_access.roles",
                "staticGroups": {"alice": ["oncall"]}},
               {"issuer": "https://token.actions.githubusercontent.com", "audience": "gatehouse-ci",
                "serviceClaims": [{"claim": "runner_environment", "equals": "github-hosted"}]}],
             "audience": "https://gw.example.com",
             "clockSkew": "30s",
             "algorithms": ["RS256", "ES256"],
             "staticGroups": {"alice": ["admins"]},
             "jwks": {"minRefetchInterval": "1m"},
             "tokenCache": {"maxEntries": 500},
             "serviceTokens": {"store": "/var/lib/gatehouse/tokens.json"},
             "sessionKey": {"fromEnv": "GATEHOUSE_SESSION_KEY"},
             "adminGroup": "gatehouse-admins"}
            """);
    AuthSettings.IssuerSettings corp = s.issuers().get(0);
    assertThat(corp.discovery())
        .isEqualTo(
            URI.create("https://idp.example.com/realms/corp/.well-known/openid-configuration"));
    assertThat(corp.groupsClaims()).containsExactly("realm_access.roles");
    assertThat(corp.staticGroups().get("alice")).containsExactlyInAnyOrder("oncall", "admins");
    assertThat(corp.audiences()).containsExactly("https://gw.example.com");
    AuthSettings.IssuerSettings ci = s.issuers().get(1);
    assertThat(ci.audiences()).containsExactly("gatehouse-ci");
    assertThat(ci.groupsClaims()).containsExactly("groups");
    assertThat(ci.serviceClaims()).hasSize(1);
    assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
    assertThat(s.jwks().minRefetchInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.jwks().refreshInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.tokenCacheSize()).isEqualTo(500);
    assertThat(s.serviceTokenStore()).isEqualTo(Path.of("/var/lib/gatehouse/tokens.json"));
    assertThat(s.sessionKey().fromEnv()).isEqualTo("GATEHOUSE_SESSION_KEY");
    assertThat(s.adminGroup()).isEqualTo("gatehouse-admins");
    assertThat(AuthSettings.parse(null, "/auth")).isNull();
  }

  @Test
  void errorsNameTheKey() {
    String issuer = "{\"issuer\": \"https://idp.example.com\"}";
    assertThat(
            pointerOf(
                "{\"issuers\": ["
                    + issuer
                    + "], \"audience\": \"a\", \"algorithms\": [\"HS256\"]}"))
        .isEqualTo("/auth/algorithms");
    assertThat(
            pointerOf(
                "{\"issuers\": [" + issuer + "], \"audience\": \"a\", \"algorithms\": [\"none\"]}"))
        .isEqualTo("/auth/algorithms");
    assertThat(pointerOf("{\"issuers\": [" + issuer + "]}")).isEqualTo("/auth/audience");
    assertThat(
            pointerOf(
                "{\"issuers\": [{\"issuer\": \"http://idp.example.com\"}], \"audience\": \"a\"}"))
        .isEqualTo("/auth/issuers/0/issuer");
    assertThat(
            pointerOf(
                "{\"issuers\": [" + issuer + "], \"audience\": \"a\", \"clockSkew\": \"soon\"}"))
        .isEqualTo("/auth/clockSkew");
    assertThat(pointerOf("{\"issuers\": [" + issuer + "], \"audience\": \"a\", \"sesionKey\": {}}"))
        .isEqualTo("/auth/sesionKey");
    assertThat(
            pointerOf(
                "{\"issuers\": ["
                    + issuer
                    + "], \"audience\": \"a\", \"sessionKey\": {\"fromEnv\": \"A\", \"fromFile\": \"/k\"}}"))
        .isEqualTo("/auth/sessionKey");
    assertThat(pointerOf("{\"audience\": \"a\"}")).isEqualTo("/auth/issuers");
    assertThat(pointerOf("{\"issuers\": [" + issuer + "," + issuer + "], \"audience\": \"a\"}"))
        .isEqualTo("/auth/issuers/1/issuer");
    assertThatThrownBy(() -> parse("{\"issuers\": 3}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("config key /auth/issuers: ");
  }

  @Test
  void serviceTokensAloneAreEnough() throws Exception {
    AuthSettings s = parse("{\"serviceTokens\": {\"store\": \"tokens.json\", \"recheck\": 5}}");
    assertThat(s.issuers()).isEmpty();
    assertThat(s.serviceTokenRecheck()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.algorithms()).isEqualTo(AuthSettings.DEFAULT_ALGORITHMS);
  }
}
