package dev.gatehouse.policy.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real OIDC provider for tests: serves a discovery document and a JWKS over HTTP (JDK
 * server on a free port) and signs tokens with its keys. Keys can be rotated and the server stopped
 * mid-test; every JWKS request is counted.
 */
public final class LocalIdp implements AutoCloseable {
  private final HttpServer server;
  private final String issuer;
  private final AtomicInteger jwksRequests = new AtomicInteger();
  private volatile List<JWK> keys = new ArrayList<>();
  private volatile RSAKey signingKey;

  public LocalIdp() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    server.createContext(
        "/realms/test/.well-known/openid-configuration",
        ex ->
            respond(
                ex,
                "{\"issuer\":\""
                    + issuer
                    + "\",\"jwks_uri\":\""
                    + issuer
                    + "/protocol/certs\",\"token_endpoint\":\""
                    + issuer
                    + "/token\"}"));
    server.createContext(
        "/realms/test/protocol/certs",
        ex -> {
          jwksRequests.incrementAndGet();
          respond(ex, new JWKSet(keys).toPublicJWKSet().toString());
        });
    server.start();
    rotate("k1");
  }

  /** Replaces the published keys by one new RSA key with id {@code kid}, used for signing. */
  public RSAKey rotate(String kid) throws Exception {
    signingKey = new RSAKeyGenerator(2048).keyID(kid).generate();
    keys = List.of(signingKey);
    return signingKey;
  }

  /** Publishes {@code extra} besides the current signing key. */
  public void publish(JWK... extra) {
    List<JWK> all = new ArrayList<>(List.of(signingKey));
    all.addAll(List.of(extra));
    keys = all;
  }

  public String issuer() {
    return issuer;
  }

  public RSAKey signingKey() {
    return signingKey;
  }

  public int jwksRequests() {
    return jwksRequests.get();
  }

  /** Claims valid for an hour from {@code now}. */
  public JWTClaimsSet.Builder claims(Instant now, String subject, String audience) {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(audience)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .jwtID("jti-" + subject);
  }

  /** An RS256 token signed with the current key. */
  public String sign(JWTClaimsSet claims) throws Exception {
    return sign(claims, signingKey, JWSAlgorithm.RS256, JOSEObjectType.JWT);
  }

  public static String sign(JWTClaimsSet claims, JWK key, JWSAlgorithm alg, JOSEObjectType type)
      throws Exception {
    JWSSigner signer =
        key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(type).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  public static ECKey newEcKey(String kid) throws Exception {
    return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
  }

  public void stop() {
    server.stop(0);
  }

  @Override
  public void close() {
    stop();
  }

  private static void respond(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
