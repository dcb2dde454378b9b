package dev.gatehouse.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.Identity;
import dev.gatehouse.policy.auth.AuthResult.Authenticated;
import dev.gatehouse.policy.auth.AuthResult.Rejected;
import dev.gatehouse.policy.testing.LocalIdp;
import dev.gatehouse.policy.testing.MutableClock;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OidcValidatorTest {
  static final String AUD = "https://gw.example.com";

  LocalIdp idp;
  MutableClock clock;
  OidcValidator validator;

  @BeforeEach
  void setUp() throws Exception {
    idp = new LocalIdp();
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    validator = validatorFor(idp.issuer(), null);
  }

  @AfterEach
  void tearDown() {
    idp.close();
  }

  OidcValidator validatorFor(String issuer, java.net.URI discovery) {
    AuthSettings.IssuerSettings base = AuthSettings.IssuerSettings.of(issuer, AUD);
    AuthSettings.IssuerSettings settings =
        new AuthSettings.IssuerSettings(
            issuer,
            discovery == null ? base.discovery() : discovery,
            null,
            List.of(AUD),
            List.of("groups", "realm_access.roles", "https://example.com/groups"),
            Map.of("alice", java.util.Set.of("oncall"), "ci-client", java.util.Set.of("deployers")),
            List.of(new AuthSettings.ClaimMatch("idtyp", "app")));
    AuthSettings auth = AuthSettings.forIssuers(List.of(settings));
    return new OidcValidator(auth, clock, JwksFetcher.newClient(auth.jwks()));
  }

  static AuthResult result(AuthAttempt attempt) throws Exception {
    return attempt.toStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  AuthResult check(String token) throws Exception {
    return result(validator.authenticate(token));
  }

  JWTClaimsSet.Builder claims() {
    return idp.claims(clock.instant(), "alice", AUD);
  }

  static void assertInvalid(AuthResult result, String reasonPart) {
    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.httpStatus()).isEqualTo(401);
    assertThat(rejected.errorCode()).isEqualTo("invalid_token");
    assertThat(rejected.reason()).contains(reasonPart);
  }

  @Test
  void validTokenIsAcceptedAndThenServedFromTheCache() throws Exception {
    String token =
        idp.sign(
            claims()
                .claim("groups", List.of("engineering"))
                .claim("realm_access", Map.of("roles", List.of("reader")))
                .claim("https://example.com/groups", List.of("url-group"))
                .claim("preferred_username", "alice@example.com")
                .claim("scope", "mcp:tools openid")
                .build());

    AuthAttempt first = validator.authenticate(token);
    assertThat(first)
        .as("keys not fetched yet: the caller must not block")
        .isInstanceOf(AuthAttempt.Pending.class);
    Authenticated ok = (Authenticated) result(first);
    Identity id = ok.identity();
    assertThat(id.subject()).isEqualTo("alice");
    assertThat(id.displayName()).isEqualTo("alice@example.com");
    assertThat(id.kind()).isEqualTo(Identity.Kind.USER);
    assertThat(id.issuer()).isEqualTo(idp.issuer());
    assertThat(id.tokenId()).isEqualTo("jti-alice");
    assertThat(id.groups())
        .containsExactlyInAnyOrder("engineering", "reader", "url-group", "oncall");
    assertThat(ok.scopes().scopes()).containsExactlyInAnyOrder("mcp:tools", "openid");

    // Keys in hand, then the token cache: both synchronous, and no further fetch.
    assertThat(validator.authenticate(token)).isInstanceOf(AuthAttempt.Ready.class);
    String second = idp.sign(claims().subject("bob").build());
    assertThat(validator.authenticate(second)).isInstanceOf(AuthAttempt.Ready.class);
    assertThat(idp.jwksRequests()).isEqualTo(1);
  }

  @Test
  void cachedTokenIsRefusedOnceExpired() throws Exception {
    String token =
        idp.sign(claims().expirationTime(Date.from(clock.instant().plusSeconds(120))).build());
    assertThat(check(token)).isInstanceOf(Authenticated.class);
    clock.advance(Duration.ofSeconds(120 + 61));
    assertInvalid(check(token), "expired");
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    Instant past = clock.instant().minusSeconds(3600);
    String token =
        idp.sign(
            claims()
                .issueTime(Date.from(past))
                .notBeforeTime(Date.from(past))
                .expirationTime(Date.from(clock.instant().minusSeconds(61)))
                .build());
    assertInvalid(check(token), "expired");
  }

  @Test
  void expiryWithinTheSkewIsAccepted() throws Exception {
    String token =
        idp.sign(claims().expirationTime(Date.from(clock.instant().minusSeconds(30))).build());
    assertThat(check(token)).isInstanceOf(Authenticated.class);
  }

  @Test
  void notYetValidTokenIsRefused() throws Exception {
    String token =
        idp.sign(claims().notBeforeTime(Date.from(clock.instant().plusSeconds(600))).build());
    assertInvalid(check(token), "not yet valid");
  }

  @Test
  void tokenWithoutExpiryIsRefused() throws Exception {
    assertInvalid(check(idp.sign(claims().expirationTime(null).build())), "no expiry");
  }

  @Test
  void untrustedIssuerIsRefusedWithoutAnyFetch() throws Exception {
    String token = idp.sign(claims().issuer("https://evil.example.com").build());
    AuthAttempt attempt = validator.authenticate(token);
    assertThat(attempt).isInstanceOf(AuthAttempt.Ready.class);
    assertInvalid(result(attempt), "issuer is not trusted");
    assertThat(idp.jwksRequests()).isZero();
  }

  @Test
  void wrongAudienceIsRefused() throws Exception {
    assertInvalid(
        check(idp.sign(claims().audience("https://other.example.com").build())), "audience");
  }

  @Test
  void audienceListContainingOursIsAccepted() throws Exception {
    String token = idp.sign(claims().audience(List.of("account", AUD)).build());
    assertThat(check(token)).isInstanceOf(Authenticated.class);
  }

  @Test
  void badSignatureIsRefused() throws Exception {
    String token = idp.sign(claims().build());
    String[] parts = token.split("\\.");
    String forgedPayload =
        Base64URL.encode(claims().subject("mallory").build().toString()).toString();
    assertInvalid(check(parts[0] + "." + forgedPayload + "." + parts[2]), "signature");
  }

  @Test
  void tokenSignedByAnotherKeyWithTheSameKidIsRefused() throws Exception {
    RSAKey attacker = new RSAKeyGenerator(2048).keyID("k1").generate();
    String token =
        LocalIdp.sign(claims().build(), attacker, JWSAlgorithm.RS256, JOSEObjectType.JWT);
    assertInvalid(check(token), "signature");
  }

  @Test
  void algNoneIsRefused() throws Exception {
    String token = new PlainJWT(claims().build()).serialize();
    AuthAttempt attempt = validator.authenticate(token);
    assertThat(attempt).isInstanceOf(AuthAttempt.Ready.class);
    assertInvalid(result(attempt), "alg none");
    assertThat(idp.jwksRequests()).isZero();
  }

  @Test
  void hs256SignedWithTheRsaPublicKeyIsRefused() throws Exception {
    // The classic algorithm-confusion attack: HMAC keyed with the (public) RSA key bytes.
    byte[] publicKeyBytes = idp.signingKey().toRSAPublicKey().getEncoded();
    byte[] pem =
        ("-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(publicKeyBytes)
                + "\n-----END PUBLIC KEY-----\n")
            .getBytes(StandardCharsets.US_ASCII);
    for (byte[] secret : List.of(publicKeyBytes, pem)) {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims().build());
      jwt.sign(new MACSigner(secret));
      assertInvalid(check(jwt.serialize()), "HS256 is not accepted");
    }
    assertThat(idp.jwksRequests()).isZero();
  }

  @Test
  void embeddedJwkHeaderIsIgnored() throws Exception {
    // A token carrying its own key (jwk header) must still be checked against the IdP's keys.
    RSAKey attacker = new RSAKeyGenerator(2048).keyID("k1").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("k1")
                .jwk(attacker.toPublicJWK())
                .build(),
            claims().build());
    jwt.sign(new RSASSASigner(attacker));
    assertInvalid(check(jwt.serialize()), "signature");
  }

  @Test
  void unknownKidIsRefusedAfterOneRefetch() throws Exception {
    assertThat(check(idp.sign(claims().build()))).isInstanceOf(Authenticated.class);
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("nobody-knows").generate();
    clock.advance(Duration.ofSeconds(31));
    String token =
        LocalIdp.sign(claims().build(), stranger, JWSAlgorithm.RS256, JOSEObjectType.JWT);
    assertInvalid(check(token), "unknown key");
    assertThat(idp.jwksRequests()).isEqualTo(2);
  }

  @Test
  void kidFloodIsRateLimited() throws Exception {
    assertThat(check(idp.sign(claims().build()))).isInstanceOf(Authenticated.class);
    RSAKey attacker = new RSAKeyGenerator(2048).generate();
    for (int i = 0; i < 200; i++) {
      RSAKey bogus = new RSAKey.Builder(attacker).keyID("bogus-" + i).build();
      String token =
          LocalIdp.sign(
              claims().subject("u" + i).build(), bogus, JWSAlgorithm.RS256, JOSEObjectType.JWT);
      assertThat(check(token)).isInstanceOf(Rejected.class);
      if (i == 99) {
        clock.advance(Duration.ofSeconds(31));
      }
    }
    // The initial fetch, then at most one per 30 s window: the flood spanned two windows, the
    // first of which had just been used by the initial fetch.
    assertThat(idp.jwksRequests()).isEqualTo(2);
    assertThat(validator.fetchCount(idp.issuer())).isEqualTo(2);
  }

  @Test
  void keyRotationIsPickedUpWithoutRestart() throws Exception {
    assertThat(check(idp.sign(claims().build()))).isInstanceOf(Authenticated.class);
    idp.rotate("k2");
    clock.advance(Duration.ofSeconds(31));
    String rotated = idp.sign(claims().subject("carol").build());
    assertThat(check(rotated)).isInstanceOf(Authenticated.class);
    assertThat(idp.jwksRequests()).isEqualTo(2);
  }

  @Test
  void keyReplacedUnderTheSameKidIsPickedUp() throws Exception {
    assertThat(check(idp.sign(claims().build()))).isInstanceOf(Authenticated.class);
    idp.rotate("k1");
    clock.advance(Duration.ofSeconds(31));
    assertThat(check(idp.sign(claims().subject("dave").build()))).isInstanceOf(Authenticated.class);
  }

  @Test
  void idpUnreachableAtStartFailsClosedWithAClearReason() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    String issuer = "http://127.0.0.1:" + deadPort + "/realms/down";
    validator = validatorFor(issuer, null);
    String token = idp.sign(claims().issuer(issuer).build());

    AuthResult result = check(token);
    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.httpStatus()).isEqualTo(503);
    assertThat(rejected.errorCode()).isEqualTo("temporarily_unavailable");
    assertThat(rejected.reason()).contains("signing keys of issuer " + issuer, "unavailable");

    // Within the fetch budget window: refused at once, without another attempt.
    AuthAttempt again = validator.authenticate(token);
    assertThat(again).isInstanceOf(AuthAttempt.Ready.class);
    assertThat(((Rejected) result(again)).httpStatus()).isEqualTo(503);
    assertThat(validator.fetchCount(issuer)).isEqualTo(1);
  }

  @Test
  void idpDownMidRunKeepsServingCachedKeys() throws Exception {
    assertThat(check(idp.sign(claims().build()))).isInstanceOf(Authenticated.class);
    idp.stop();
    // Past the refresh interval: a background refresh is attempted and fails; keys stay.
    clock.advance(Duration.ofMinutes(11));
    String fresh = idp.sign(claims().subject("erin").build());
    AuthResult result = check(fresh);
    assertThat(result).isInstanceOf(Authenticated.class);
    clock.advance(Duration.ofMinutes(11));
    String another = idp.sign(claims().subject("frank").build());
    assertThat(check(another)).isInstanceOf(Authenticated.class);
  }

  @Test
  void otherAlgorithmsAndTypesAreHandled() throws Exception {
    ECKey ec = LocalIdp.newEcKey("ec1");
    idp.publish(ec.toPublicJWK());
    String es256 =
        LocalIdp.sign(claims().build(), ec, JWSAlgorithm.ES256, new JOSEObjectType("at+jwt"));
    assertThat(check(es256)).isInstanceOf(Authenticated.class);

    String ps256 =
        LocalIdp.sign(claims().subject("ps").build(), idp.signingKey(), JWSAlgorithm.PS256, null);
    assertThat(check(ps256))
        .as("typ absent is accepted by default")
        .isInstanceOf(Authenticated.class);

    String logout =
        LocalIdp.sign(
            claims().subject("lo").build(),
            idp.signingKey(),
            JWSAlgorithm.RS256,
            new JOSEObjectType("logout+jwt"));
    assertInvalid(check(logout), "not an access token");

    String rs512 =
        LocalIdp.sign(
            claims().subject("rs512").build(), idp.signingKey(), JWSAlgorithm.RS512, null);
    assertInvalid(check(rs512), "RS512 is not accepted");
  }

  @Test
  void eddsaIsVerifiedWithTheJdkProvider() throws Exception {
    java.security.KeyPair pair =
        java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = pair.getPublic().getEncoded();
    byte[] x = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    com.nimbusds.jose.jwk.OctetKeyPair okp =
        new com.nimbusds.jose.jwk.OctetKeyPair.Builder(
                com.nimbusds.jose.jwk.Curve.Ed25519, Base64URL.encode(x))
            .keyID("ed1")
            .build();
    idp.publish(okp);
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed1").build();
    JWTClaimsSet body = claims().subject("ed").build();
    String signingInput = header.toBase64URL() + "." + Base64URL.encode(body.toString());
    java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    String token = signingInput + "." + Base64URL.encode(signer.sign());
    assertThat(check(token)).isInstanceOf(Authenticated.class);

    String tampered = token.substring(0, token.length() - 4) + "AAAA";
    assertInvalid(check(tampered), "signature");
  }

  @Test
  void clientCredentialsTokensAreServiceIdentities() throws Exception {
    String cc =
        idp.sign(
            idp.claims(clock.instant(), "ci-client", AUD).claim("client_id", "ci-client").build());
    Authenticated ok = (Authenticated) check(cc);
    assertThat(ok.identity().kind()).isEqualTo(Identity.Kind.SERVICE);
    assertThat(ok.identity().groups()).contains("deployers");

    String entra =
        idp.sign(idp.claims(clock.instant(), "oid-123", AUD).claim("idtyp", "app").build());
    assertThat(((Authenticated) check(entra)).identity().kind()).isEqualTo(Identity.Kind.SERVICE);

    // A person who logged in through client "ci-client" does not get that client's groups.
    String user =
        idp.sign(idp.claims(clock.instant(), "gina", AUD).claim("azp", "ci-client").build());
    Authenticated person = (Authenticated) check(user);
    assertThat(person.identity().kind()).isEqualTo(Identity.Kind.USER);
    assertThat(person.identity().groups()).doesNotContain("deployers");
  }

  @Test
  void garbageIsRefusedCheaply() throws Exception {
    assertInvalid(check("not-a-jwt"), "malformed");
    assertInvalid(check("eyJhbGciOiJSUzI1NiJ9.e30"), "malformed");
    assertInvalid(check("x".repeat(20_000)), "too long");
    Rejected empty = (Rejected) check("");
    assertThat(empty.httpStatus()).isEqualTo(401);
    assertThat(empty.errorCode()).isNull();
    assertThat(idp.jwksRequests()).isZero();
  }
}
