package dev.gatehouse.policy.auth;

import dev.gatehouse.core.Decision;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.RequestFilter;
import dev.gatehouse.core.Verdict;
import dev.gatehouse.policy.PolicyKeys;
import dev.gatehouse.policy.auth.AuthResult.Authenticated;
import dev.gatehouse.policy.auth.AuthResult.Rejected;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code AUTHENTICATE} slot: reads {@code Authorization: Bearer}, establishes the {@link
 * dev.gatehouse.core.Identity}, or answers 401 with the RFC 9728 challenge that tells MCP clients
 * where to log in. A credential in the URL query is refused outright (MCP authorization spec:
 * tokens never in the URI; they would end up in access logs and browser history).
 */
public final class AuthenticationFilter implements RequestFilter {
  /** RFC 6750 section 2.1 token68 syntax. */
  private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  /** Query values that are almost certainly credentials (JWTs, our service tokens). */
  private static final Pattern CREDENTIAL_VALUE =
      Pattern.compile("(eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*)|(gh_svc_.*)");

  private final Authenticator authenticator;
  private final Function<String, String> resourceMetadataUrl;

  /**
   * @param authenticator checks the credential
   * @param resourceMetadataUrl connection name to its protected resource metadata URL (see {@link
   *     ProtectedResourceMetadata#metadataUrl})
   */
  public AuthenticationFilter(
      Authenticator authenticator, Function<String, String> resourceMetadataUrl) {
    this.authenticator = authenticator;
    this.resourceMetadataUrl = resourceMetadataUrl;
  }

  @Override
  public Decision onRequest(McpExchange exchange) {
    if (queryCarriesCredential(exchange.path())) {
      return refuse(
          exchange,
          new Rejected(
              "access tokens are not accepted in the URL query; send them in the Authorization"
                  + " header",
              AuthResult.INVALID_REQUEST,
              400));
    }
    List<String> values = exchange.headers().getAll("authorization");
    if (values.isEmpty()) {
      return refuse(exchange, new Rejected("authentication required", null, 401));
    }
    if (values.size() > 1) {
      return refuse(
          exchange,
          new Rejected("more than one Authorization header", AuthResult.INVALID_REQUEST, 400));
    }
    String value = values.get(0).strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).equalsIgnoreCase("bearer")) {
      // Another scheme (Basic…) is as good as none: answer with the Bearer challenge.
      return refuse(exchange, new Rejected("a Bearer token is required", null, 401));
    }
    String token = value.substring(space + 1).strip();
    if (!TOKEN68.matcher(token).matches()) {
      return refuse(exchange, Rejected.invalidToken("malformed bearer token"));
    }
    return switch (authenticator.authenticate(token)) {
      case AuthAttempt.Ready ready -> apply(exchange, ready.result());
      case AuthAttempt.Pending pending ->
          // The result arrives on an HTTP client thread; the exchange is confined to its event
          // loop, so the identity is set there.
          Decision.waitFor(
              pending
                  .result()
                  .thenApplyAsync(result -> apply(exchange, result), exchange.executor()),
              "identity provider signing keys");
    };
  }

  private Decision apply(McpExchange exchange, AuthResult result) {
    return switch (result) {
      case Authenticated ok -> {
        exchange.identity(ok.identity());
        exchange.put(PolicyKeys.SCOPES, ok.scopes());
        yield Decision.CONTINUE;
      }
      case Rejected rejected -> refuse(exchange, rejected);
    };
  }

  private Decision refuse(McpExchange exchange, Rejected rejected) {
    Map<String, String> headers = new HashMap<>();
    String prefix;
    if (rejected.httpStatus() == 503) {
      // Not the client's fault: no challenge (a client would re-authenticate in vain).
      headers.put("Retry-After", "30");
      prefix = "Service unavailable: ";
    } else {
      String description = rejected.errorCode() == null ? null : rejected.reason();
      headers.put(
          "WWW-Authenticate",
          BearerChallenge.header(
              resourceMetadataUrl.apply(exchange.connection()),
              rejected.errorCode(),
              description,
              null));
      prefix = rejected.httpStatus() == 400 ? "Bad request: " : "Unauthorized: ";
    }
    HttpReply reply =
        new HttpReply(
            rejected.httpStatus(),
            headers,
            JsonRpcErrors.error(
                FilterChain.firstRequestId(exchange),
                JsonRpcErrors.GATEWAY_REFUSED,
                prefix + rejected.reason()));
    return Decision.respond(
        reply, Verdict.of(Verdict.Outcome.UNAUTHENTICATED, "authn", rejected.reason()));
  }

  /** True when the query string holds an {@code access_token} or a credential-shaped value. */
  static boolean queryCarriesCredential(String pathAndQuery) {
    int q = pathAndQuery == null ? -1 : pathAndQuery.indexOf('?');
    if (q < 0) {
      return false;
    }
    int hash = pathAndQuery.indexOf('#', q);
    String query = pathAndQuery.substring(q + 1, hash < 0 ? pathAndQuery.length() : hash);
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("access_token")
          || lower.equals("authorization")
          || CREDENTIAL_VALUE.matcher(value.strip()).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
