package dev.gatehouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.Identity;
import dev.gatehouse.policy.auth.AuthResult;
import dev.gatehouse.policy.auth.AuthSettings;
import dev.gatehouse.policy.auth.BearerAuthenticator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The development issuer serves what the gateway's real OIDC validator needs, and its tokens pass
 * that validator — with the demo's own {@code auth} section — as the identities the demo promises.
 */
class DevTokenIssuerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static DevTokenIssuer issuer;
  private static BearerAuthenticator validator;

  @BeforeAll
  static void start() throws Exception {
    issuer = DevTokenIssuer.start(0, DemoConfig.AUDIENCE);
    var config =
        DemoConfig.build(
            0,
            0,
            URI.create("http://127.0.0.1:1/mcp"),
            issuer.issuer(),
            new DemoFiles(Path.of("unused")));
    validator = BearerAuthenticator.from(AuthSettings.parse(config.section("auth"), "/auth"));
  }

  @AfterAll
  static void stop() {
    issuer.close();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static AuthResult validate(String token) throws Exception {
    return validator.authenticate(token).toStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Identity identity(DemoIdentity who) throws Exception {
    AuthResult result = validate(issuer.mint(who));
    assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
    return ((AuthResult.Authenticated) result).identity();
  }

  @Test
  void servesDiscoveryAndKeysOnLoopbackUnderADevelopmentOnlyIssuer() throws Exception {
    assertThat(issuer.issuer()).matches("http://127\\.0\\.0\\.1:\\d+/development-only");

    HttpResponse<String> discovery = get(issuer.issuer() + "/.well-known/openid-configuration");
    assertThat(discovery.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(discovery.body());
    assertThat(doc.path("issuer").asText()).isEqualTo(issuer.issuer());
    assertThat(doc.path("gatehouse_notice").asText()).startsWith("DEVELOPMENT ONLY");

    JsonNode jwks = JSON.readTree(get(doc.path("jwks_uri").asText()).body());
    assertThat(jwks.path("keys")).hasSize(1);
    assertThat(jwks.path("keys").get(0).has("d")).as("never the private key").isFalse();

    assertThat(get(issuer.issuer() + "/token").statusCode()).isEqualTo(404);
  }

  @Test
  void tokensAreTypedAccessTokensForTheDemoAudienceValidForTwelveHours() throws Exception {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    SignedJWT jwt = SignedJWT.parse(issuer.mint(DemoIdentity.SUPPORT, now));

    assertThat(jwt.getHeader().getType().toString()).isEqualTo("at+jwt");
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(issuer.issuer());
    assertThat(claims.getAudience()).containsExactly(DemoConfig.AUDIENCE);
    assertThat(claims.getSubject()).isEqualTo("sam@example.com");
    assertThat(claims.getStringListClaim("groups")).containsExactly("support");
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofHours(12));
    assertThat(claims.getJWTID())
        .isNotBlank()
        .isNotEqualTo(
            SignedJWT.parse(issuer.mint(DemoIdentity.SUPPORT, now)).getJWTClaimsSet().getJWTID());
  }

  @Test
  void theGatewaysValidatorSeesThreePeopleAndOneService() throws Exception {
    Identity engineer = identity(DemoIdentity.ENGINEER);
    Identity support = identity(DemoIdentity.SUPPORT);
    Identity lead = identity(DemoIdentity.SUPPORT_LEAD);
    Identity ci = identity(DemoIdentity.CI);

    assertThat(engineer.kind()).isEqualTo(Identity.Kind.USER);
    assertThat(engineer.groups()).containsExactly("engineering");
    assertThat(support.kind()).isEqualTo(Identity.Kind.USER);
    assertThat(support.groups()).containsExactly("support");
    assertThat(lead.kind()).isEqualTo(Identity.Kind.USER);
    assertThat(lead.groups()).containsExactlyInAnyOrder("support", "support-leads");
    assertThat(ci.kind()).isEqualTo(Identity.Kind.SERVICE);
    assertThat(ci.subject()).isEqualTo("ci-pipeline");
    assertThat(DemoIdentity.CI.service()).isTrue();
    assertThat(DemoIdentity.SUPPORT.service()).isFalse();
  }

  @Test
  void anExpiredDemoTokenIsRefused() throws Exception {
    String old = issuer.mint(DemoIdentity.ENGINEER, Instant.now().minus(Duration.ofHours(13)));

    assertThat(validate(old)).isInstanceOf(AuthResult.Rejected.class);
  }
}
