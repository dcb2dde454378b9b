package dev.gatehouse.server.features;

import dev.gatehouse.core.Decision;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.RequestFilter;
import dev.gatehouse.core.Verdict;
import dev.gatehouse.policy.session.SessionSealer;
import java.util.Optional;

/**
 * Binds MCP sessions to the identity that created them, with no shared state: the client never sees
 * the upstream's session id, only that id sealed (AES-GCM) together with the creator's issuer,
 * subject and the connection. Any replica holding the key can open it; another identity cannot, and
 * is refused before anything reaches the upstream. Runs after authentication.
 */
public final class SessionBinding implements RequestFilter {
  private final SessionSealer sealer;

  public SessionBinding(SessionSealer sealer) {
    this.sealer = sealer;
  }

  @Override
  public Decision onRequest(McpExchange exchange) {
    String clientId = exchange.sessionId();
    if (clientId == null) {
      return Decision.CONTINUE;
    }
    Optional<String> upstreamId = sealer.open(clientId, exchange.identity(), exchange.connection());
    if (upstreamId.isEmpty()) {
      // 404 rather than 403: the spec tells a client to start a new session on 404, which is the
      // right recovery for the legitimate case too (the gateway's session key changed).
      String message = "Session not found for this identity";
      return Decision.respond(
          HttpReply.jsonRpcError(
              404, FilterChain.firstRequestId(exchange), JsonRpcErrors.GATEWAY_REFUSED, message),
          Verdict.of(Verdict.Outcome.DENIED, "session-binding", message));
    }
    exchange.upstreamSessionId(upstreamId.get());
    return Decision.CONTINUE;
  }

  /**
   * Legacy HTTP+SSE (2024-11-05): the upstream's POST endpoint (path and query, which carry its
   * session) sealed to this identity, so the client can post back only through the gateway, only as
   * itself, and only to the endpoint the upstream named.
   */
  public String sealLegacyEndpoint(McpExchange exchange, String upstreamPathAndQuery) {
    return sealer.seal(
        "legacy:" + upstreamPathAndQuery, exchange.identity(), exchange.connection());
  }

  /** The upstream path and query sealed by {@link #sealLegacyEndpoint}, if this identity's. */
  public Optional<String> openLegacyEndpoint(McpExchange exchange, String sealed) {
    return sealer
        .open(sealed, exchange.identity(), exchange.connection())
        .filter(v -> v.startsWith("legacy:"))
        .map(v -> v.substring("legacy:".length()));
  }

  /** The id the client sees for a session the upstream just issued to this exchange's identity. */
  public String toClient(McpExchange exchange, String upstreamId) {
    return sealer.seal(upstreamId, exchange.identity(), exchange.connection());
  }
}
