package dev.gatehouse.policy.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Fetches one issuer's signing keys: the discovery document names the JWKS URL, which is remembered
 * once found. Asynchronous (the JDK client's own threads), with timeouts, so no caller thread ever
 * waits on the identity provider.
 */
final class JwksFetcher {
  /** A JWKS or discovery document larger than this is refused (both are a few KB in practice). */
  static final int MAX_DOCUMENT_BYTES = 512 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String issuer;
  private final URI discovery;
  private final HttpClient client;
  private final Duration requestTimeout;
  private volatile URI jwksUri;

  JwksFetcher(
      AuthSettings.IssuerSettings settings, HttpClient client, AuthSettings.JwksSettings jwks) {
    this.issuer = settings.issuer();
    this.discovery = settings.discovery();
    this.jwksUri = settings.jwksUri();
    this.client = client;
    this.requestTimeout = jwks.requestTimeout();
  }

  /** Shared client: one connection pool for every issuer. */
  static HttpClient newClient(AuthSettings.JwksSettings jwks) {
    return HttpClient.newBuilder()
        .connectTimeout(jwks.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  CompletionStage<JWKSet> fetch() {
    URI known = jwksUri;
    CompletableFuture<URI> where =
        known != null ? CompletableFuture.completedFuture(known) : discover();
    return where.thenCompose(this::get).thenApply(JwksFetcher::parseKeys);
  }

  private CompletableFuture<URI> discover() {
    return get(discovery)
        .thenApply(
            body -> {
              JsonNode doc;
              try {
                doc = MAPPER.readTree(body);
              } catch (IOException e) {
                throw new CompletionException(
                    new IOException("discovery document is not JSON: " + discovery));
              }
              // OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer we
              // asked about, or its keys could be anyone's.
              if (!issuer.equals(doc.path("issuer").asText(null))) {
                throw new CompletionException(
                    new IOException(
                        "discovery document at " + discovery + " names another issuer"));
              }
              String uri = doc.path("jwks_uri").asText(null);
              if (uri == null) {
                throw new CompletionException(
                    new IOException("discovery document has no jwks_uri: " + discovery));
              }
              URI found = URI.create(uri);
              jwksUri = found;
              return found;
            });
  }

  private CompletableFuture<String> get(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                throw new CompletionException(
                    new IOException("HTTP " + response.statusCode() + " from " + uri));
              }
              if (response.body().length > MAX_DOCUMENT_BYTES) {
                throw new CompletionException(new IOException("document too large: " + uri));
              }
              return new String(response.body(), StandardCharsets.UTF_8);
            });
  }

  private static JWKSet parseKeys(String body) {
    try {
      // Only public parts: a JWKS that (wrongly) carries private keys must not make us hold them.
      return JWKSet.parse(body).toPublicJWKSet();
    } catch (java.text.ParseException e) {
      throw new CompletionException(new IOException("JWKS is not valid: " + e.getMessage()));
    }
  }
}
