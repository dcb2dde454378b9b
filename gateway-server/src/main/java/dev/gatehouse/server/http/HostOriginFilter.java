package dev.gatehouse.server.http;

import dev.gatehouse.core.Decision;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.RequestFilter;
import dev.gatehouse.core.Verdict;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * DNS-rebinding protection (MCP transports, "Security Warning"): a request whose {@code Origin} is
 * not allowed gets 403, and one whose {@code Host} is not allowed gets 421 (Misdirected Request),
 * before authentication runs. Entries match a host on any port ({@code localhost}) or exactly
 * ({@code localhost:8080}, {@code https://app.example.com}).
 */
public final class HostOriginFilter implements RequestFilter {
  private final List<String> allowedHosts;
  private final List<String> allowedOrigins;

  /**
   * An empty host list accepts any Host (for listeners behind a trusted proxy); an empty origin
   * list refuses every request that carries an Origin (no browser page may call a non-loopback
   * gateway unless its origin is listed). See docs/configuration.md.
   */
  public HostOriginFilter(List<String> allowedHosts, List<String> allowedOrigins) {
    this.allowedHosts = lower(allowedHosts);
    this.allowedOrigins = lower(allowedOrigins);
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public Decision onRequest(McpExchange exchange) {
    String origin = exchange.headers().get("origin");
    if (origin != null && !originAllowed(origin.toLowerCase(Locale.ROOT))) {
      return refuse(403, "Origin " + origin + " is not allowed", "origin");
    }
    String host = exchange.headers().get("host");
    if (!allowedHosts.isEmpty()) {
      if (host == null || !hostAllowed(host.toLowerCase(Locale.ROOT))) {
        return refuse(421, "Host " + host + " is not allowed", "host");
      }
    }
    return Decision.CONTINUE;
  }

  private boolean hostAllowed(String host) {
    String bare = stripPort(host);
    for (String allowed : allowedHosts) {
      if (allowed.equals("*") || allowed.equals(host) || allowed.equals(bare)) {
        return true;
      }
    }
    return false;
  }

  private boolean originAllowed(String origin) {
    String bareOrigin;
    try {
      URI uri = URI.create(origin);
      if (uri.getHost() == null) {
        return false; // "null" origins (sandboxed frames, file://) are never trusted
      }
      bareOrigin = uri.getScheme() + "://" + uri.getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (String allowed : allowedOrigins) {
      if (allowed.equals("*") || allowed.equals(origin) || allowed.equals(bareOrigin)) {
        return true;
      }
    }
    return false;
  }

  /** Strips a port from {@code host}, {@code [::1]:8080} and {@code 127.0.0.1:8080} alike. */
  static String stripPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(0, close + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 || host.indexOf(':') != colon ? host : host.substring(0, colon);
  }

  private static Decision refuse(int status, String message, String rule) {
    return Decision.respond(
        HttpReply.jsonRpcError(status, null, JsonRpcErrors.GATEWAY_REFUSED, message),
        Verdict.of(Verdict.Outcome.BLOCKED, "hygiene:" + rule, message));
  }
}
