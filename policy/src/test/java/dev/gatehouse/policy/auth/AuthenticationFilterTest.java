package dev.gatehouse.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.RequestSlot;
import dev.gatehouse.core.Verdict;
import dev.gatehouse.policy.PolicyKeys;
import dev.gatehouse.policy.testing.Exchanges;
import dev.gatehouse.policy.testing.LocalIdp;
import dev.gatehouse.policy.testing.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AUTHENTICATE slot through the real chain runner and a real (local) IdP. */
class AuthenticationFilterTest {
  static final URI PUBLIC = URI.create("https://gw.example.com");
  static final String PRM = "https://gw.example.com/.well-known/oauth-protected-resource/mcp/demo";
  static final String BODY = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}";

  LocalIdp idp;
  MutableClock clock;
  FilterChain chain;

  @BeforeEach
  void setUp() throws Exception {
    idp = new LocalIdp();
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    AuthSettings settings =
        AuthSettings.forIssuers(
            List.of(AuthSettings.IssuerSettings.of(idp.issuer(), "https://gw.example.com")));
    OidcValidator oidc = new OidcValidator(settings, clock, JwksFetcher.newClient(settings.jwks()));
    AuthenticationFilter filter =
        new AuthenticationFilter(
            new BearerAuthenticator(oidc, null),
            c -> ProtectedResourceMetadata.metadataUrl(PUBLIC, c));
    chain = FilterChain.builder().request(RequestSlot.AUTHENTICATE, "authn", filter).build();
  }

  @AfterEach
  void tearDown() {
    idp.close();
  }

  Decision run(McpExchange exchange) throws Exception {
    return chain.runRequest(exchange).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  McpExchange withToken(String token) {
    return Exchanges.post("demo", "/mcp/demo", BODY, "Authorization", "Bearer " + token);
  }

  String token(java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> edit)
      throws Exception {
    return idp.sign(
        edit.apply(idp.claims(clock.instant(), "alice", "https://gw.example.com")).build());
  }

  static Decision.Respond refused(Decision d, int status) {
    assertThat(d).isInstanceOf(Decision.Respond.class);
    Decision.Respond r = (Decision.Respond) d;
    assertThat(r.reply().status()).isEqualTo(status);
    assertThat(r.verdict().outcome()).isEqualTo(Verdict.Outcome.UNAUTHENTICATED);
    assertThat(r.reply().body().path("id").asInt()).isEqualTo(7);
    assertThat(r.reply().body().path("error").path("code").asInt()).isEqualTo(-32001);
    return r;
  }

  static void assertInvalidToken(Decision d) {
    Decision.Respond r = refused(d, 401);
    assertThat(r.reply().headers().get("WWW-Authenticate"))
        .startsWith("Bearer resource_metadata=\"" + PRM + "\", error=\"invalid_token\"")
        .contains("error_description=\"");
  }

  @Test
  void validTokenSetsIdentityAndScopes() throws Exception {
    McpExchange exchange = withToken(token(b -> b.claim("scope", "mcp")));
    assertThat(run(exchange)).isEqualTo(Decision.CONTINUE);
    assertThat(exchange.identity().subject()).isEqualTo("alice");
    assertThat(exchange.identity().kind()).isEqualTo(Identity.Kind.USER);
    assertThat(exchange.get(PolicyKeys.SCOPES).scopes()).containsExactly("mcp");
  }

  @Test
  void firstRequestWaitsForKeysWithoutBlocking() throws Exception {
    AuthenticationFilter direct =
        new AuthenticationFilter(
            token -> new AuthAttempt.Pending(new java.util.concurrent.CompletableFuture<>()),
            c -> PRM);
    assertThat(direct.onRequest(withToken("abc"))).isInstanceOf(Decision.Wait.class);
  }

  @Test
  void missingTokenGetsTheBareChallenge() throws Exception {
    Decision.Respond r = refused(run(Exchanges.post("demo", "/mcp/demo", BODY)), 401);
    assertThat(r.reply().headers())
        .containsEntry("WWW-Authenticate", "Bearer resource_metadata=\"" + PRM + "\"");
  }

  @Test
  void otherSchemeIsTreatedAsMissing() throws Exception {
    Decision.Respond r =
        refused(run(Exchanges.post("demo", "/mcp/demo", BODY, "Authorization", "Basic YTpi")), 401);
    assertThat(r.reply().headers().get("WWW-Authenticate")).doesNotContain("error=");
  }

  @Test
  void tokenInTheQueryStringIsRefused() throws Exception {
    String good = token(b -> b);
    for (String path :
        List.of(
            "/mcp/demo?access_token=" + good,
            "/mcp/demo?x=1&ACCESS_TOKEN=abc",
            "/mcp/demo?t=" + good,
            "/mcp/demo?k=gh_svc_abc")) {
      // Refused even with a valid header: the token has already leaked into logs.
      Decision.Respond r =
          refused(run(Exchanges.post("demo", path, BODY, "Authorization", "Bearer " + good)), 400);
      assertThat(r.reply().headers().get("WWW-Authenticate")).contains("error=\"invalid_request\"");
    }
    assertThat(run(withToken(good))).isEqualTo(Decision.CONTINUE);
  }

  @Test
  void expiredNotYetValidWrongIssuerAudienceAreRefused() throws Exception {
    Instant now = clock.instant();
    assertInvalidToken(
        run(
            withToken(
                token(
                    b ->
                        b.issueTime(Date.from(now.minusSeconds(7200)))
                            .notBeforeTime(Date.from(now.minusSeconds(7200)))
                            .expirationTime(Date.from(now.minusSeconds(3600)))))));
    assertInvalidToken(
        run(withToken(token(b -> b.notBeforeTime(Date.from(now.plusSeconds(3600)))))));
    assertInvalidToken(run(withToken(token(b -> b.issuer("https://other-idp.example.com")))));
    assertInvalidToken(run(withToken(token(b -> b.audience("https://elsewhere.example.com")))));
  }

  @Test
  void badSignatureAlgNoneAndUnknownKidAreRefused() throws Exception {
    String good = token(b -> b);
    assertInvalidToken(run(withToken(good.substring(0, good.length() - 6) + "AAAAAA")));
    assertInvalidToken(
        run(withToken(new PlainJWT(idp.claims(clock.instant(), "a", "x").build()).serialize())));
    String unknownKid =
        LocalIdp.sign(
            idp.claims(clock.instant(), "alice", "https://gw.example.com").build(),
            new RSAKeyGenerator(2048).keyID("who").generate(),
            JWSAlgorithm.RS256,
            JOSEObjectType.JWT);
    assertInvalidToken(run(withToken(unknownKid)));
    assertInvalidToken(run(withToken("not a token")));
  }

  @Test
  void unreachableIdpAnswers503WithoutChallenge() throws Exception {
    idp.stop();
    Decision.Respond r = refused(run(withToken(token(b -> b))), 503);
    assertThat(r.reply().headers())
        .containsKey("Retry-After")
        .doesNotContainKey("WWW-Authenticate");
    assertThat(r.reply().body().path("error").path("message").asText())
        .contains("signing keys of issuer", "unavailable");
  }

  @Test
  void challengeTextCannotBreakOutOfTheHeader() {
    assertThat(BearerChallenge.header("u", "invalid_token", "bad \"quote\"\r\nX: y", null))
        .isEqualTo(
            "Bearer resource_metadata=\"u\", error=\"invalid_token\","
                + " error_description=\"bad ?quote???X: y\"");
  }
}
