package dev.gatehouse.server.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVELOPMENT ONLY: a tiny OpenID issuer for {@code gatehouse demo}, so the demo can show identity
 * and least privilege without an identity provider. It lives in the demo package and only {@link
 * DemoGateway} starts it; {@code gatehouse serve} has no way to reach it.
 *
 * <p>At start it makes a fresh P-256 key (tokens die with the process), binds loopback on a free
 * port and serves the discovery document and the JWKS — exactly what the gateway's OIDC validator
 * fetches from a real IdP, so the demo's tokens go through the same checks as production ones. It
 * has no login and no token endpoint: {@link #mint} signs tokens in-process, and the demo prints
 * them.
 */
public final class DevTokenIssuer implements AutoCloseable {
  /** Prefix of every log line and printed line about the issuer or its tokens. */
  public static final String MARK = "DEVELOPMENT ONLY";

  /** The issuer URL's path: the word is in every token's {@code iss}, so in every audit record. */
  public static final String PATH = "/development-only";

  public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

  private static final Logger log = LoggerFactory.getLogger(DevTokenIssuer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final ECKey key;
  private final String issuer;
  private final String audience;

  private DevTokenIssuer(
      HttpServer server, ExecutorService executor, ECKey key, String issuer, String audience) {
    this.server = server;
    this.executor = executor;
    this.key = key;
    this.issuer = issuer;
    this.audience = audience;
  }

  /**
   * Generates the signing key and serves discovery and JWKS on {@code 127.0.0.1:port}.
   *
   * @param port 0 for any free port
   * @param audience the {@code aud} of every token (the gateway's configured audience)
   * @throws IOException when the port cannot be bound
   */
  public static DevTokenIssuer start(int port, String audience) throws IOException {
    ECKey key;
    try {
      key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("every JDK can make a P-256 key", e);
    }
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByName(DemoConfig.HOST), port), /* backlog */ 0);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    String issuer = "http://" + DemoConfig.HOST + ":" + server.getAddress().getPort() + PATH;
    DevTokenIssuer dev = new DevTokenIssuer(server, executor, key, issuer, audience);
    server.createContext("/", dev::handle);
    server.setExecutor(executor);
    server.start();
    log.warn("{} token issuer (never use it for anything real): {}", MARK, issuer);
    return dev;
  }

  /** The {@code iss} of the tokens, e.g. {@code http://127.0.0.1:40123/development-only}. */
  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  /** A signed access token for {@code who}, valid for {@link #TOKEN_LIFETIME}. */
  public String mint(DemoIdentity who) {
    return mint(who, Instant.now());
  }

  /** A signed access token for {@code who}, issued at {@code now} (tests pass their own time). */
  public String mint(DemoIdentity who, Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(who.subject())
            .audience(audience)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
            .jwtID(UUID.randomUUID().toString())
            .claim("client_id", who.clientId())
            .claim("groups", who.groups());
    if (who.name() != null) {
      claims.claim("name", who.name());
    }
    // RFC 9068: access tokens are typed at+jwt, so they cannot be confused with ID tokens.
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .type(new JOSEObjectType("at+jwt"))
            .keyID(key.getKeyID())
            .build();
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing with a fresh P-256 key cannot fail", e);
    }
    return jwt.serialize();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, error("only GET is served"));
      } else if (path.equals(PATH + "/.well-known/openid-configuration")) {
        send(exchange, 200, discovery());
      } else if (path.equals(PATH + "/jwks")) {
        send(exchange, 200, new JWKSet(key.toPublicJWK()).toString(true));
      } else {
        send(exchange, 404, error("not found"));
      }
    }
  }

  /** OpenID Connect Discovery 1.0: only what a resource server needs (issuer and keys). */
  private String discovery() throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("issuer", issuer);
    doc.put("jwks_uri", issuer + "/jwks");
    doc.putArray("id_token_signing_alg_values_supported").add("ES256");
    doc.putArray("subject_types_supported").add("public");
    doc.putArray("response_types_supported").add("token");
    doc.put("gatehouse_notice", MARK + ": the gatehouse demo's token issuer");
    return JSON.writeValueAsString(doc);
  }

  private static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
    log.info("{} token issuer stopped", MARK);
  }
}
