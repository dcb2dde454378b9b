package dev.gatehouse.server.admin;

import dev.gatehouse.core.Decision;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.RequestFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who may use the admin API: a caller whose bearer token passes exactly the checks of the MCP
 * listener (the same {@code AuthenticationFilter} over the same authenticator and key caches) and
 * whose identity is in {@code auth.adminGroup}. Without an {@code auth} section or without an admin
 * group nobody is an admin: every request is refused (fail closed), with a message that says which
 * setting is missing.
 */
final class AdminAuthenticator {
  /** Bounds a JWKS fetch on behalf of an admin request (the fetch has its own timeouts too). */
  private static final long DEADLINE_SECONDS = 30;

  private static final AtomicLong IDS = new AtomicLong();

  private final RequestFilter authentication;
  private final String adminGroup;

  /**
   * @param authentication the MCP listener's authentication step, or {@code null} without auth
   * @param adminGroup {@code auth.adminGroup}, or {@code null} when none is configured
   */
  AdminAuthenticator(RequestFilter authentication, String adminGroup) {
    this.authentication = authentication;
    this.adminGroup = adminGroup;
  }

  /** The outcome: an admin, or the reply that refuses the request. */
  sealed interface Outcome {
    record Admin(Identity identity) implements Outcome {}

    record Refused(AdminReply reply) implements Outcome {}
  }

  /**
   * Checks the request's credential. The stage completes on {@code loop} (the channel's event
   * loop); a JWKS fetch in between never blocks it.
   */
  CompletionStage<Outcome> authenticate(AdminRequest request, Executor loop) {
    if (authentication == null) {
      return refused(
          "the admin API is disabled: the configuration has no auth section, so no caller can be"
              + " identified as an admin (configure auth and auth.adminGroup)");
    }
    if (adminGroup == null) {
      return refused(
          "the admin API is disabled: auth.adminGroup is not configured, so nobody is an admin");
    }
    McpExchange exchange =
        McpExchange.builder()
            .exchangeId("admin-" + Long.toString(IDS.incrementAndGet(), 36))
            .connection("admin")
            .httpMethod(request.method())
            .path(request.uri())
            .headers(request.headers())
            .clientAddress(request.clientAddress())
            .executor(loop)
            .build();
    Decision decision;
    try {
      decision = authentication.onRequest(exchange);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(unavailable("authentication failed: " + e));
    }
    return settle(exchange, decision);
  }

  private CompletionStage<Outcome> settle(McpExchange exchange, Decision decision) {
    return switch (decision) {
      case Decision.Continue c -> CompletableFuture.completedFuture(authorize(exchange.identity()));
      case Decision.Respond respond -> CompletableFuture.completedFuture(refusal(respond.reply()));
      case Decision.Wait wait ->
          // The authentication step resumes on the exchange's executor (our loop); a deadline
          // turns a fetch that never answers into a clear 503 instead of a hung admin call.
          wait.next()
              .toCompletableFuture()
              .orTimeout(DEADLINE_SECONDS, TimeUnit.SECONDS)
              .handleAsync(
                  (next, error) ->
                      error != null
                          ? CompletableFuture.<Outcome>completedFuture(
                              unavailable("identity provider did not answer in time"))
                          : settle(exchange, next),
                  exchange.executor())
              .thenCompose(stage -> stage);
    };
  }

  private Outcome authorize(Identity identity) {
    if (identity.kind() == Identity.Kind.ANONYMOUS || !identity.inGroup(adminGroup)) {
      return new Outcome.Refused(
          AdminReply.error(
              403, "forbidden", "identity '" + identity.subject() + "' is not in the admin group"));
    }
    return new Outcome.Admin(identity);
  }

  /** The MCP listener's refusal (status and challenge headers kept), as an admin API error. */
  private static Outcome refusal(HttpReply reply) {
    String message =
        reply.body() == null
            ? "refused"
            : reply.body().path("error").path("message").asText("refused");
    String code =
        switch (reply.status()) {
          case 401 -> "unauthorized";
          case 400 -> "bad_request";
          case 403 -> "forbidden";
          case 503 -> "unavailable";
          default -> "refused";
        };
    Map<String, String> headers = new HashMap<>(reply.headers());
    return new Outcome.Refused(AdminReply.error(reply.status(), headers, code, message));
  }

  private static CompletionStage<Outcome> refused(String message) {
    return CompletableFuture.completedFuture(
        new Outcome.Refused(AdminReply.error(403, "admin_disabled", message)));
  }

  private static Outcome unavailable(String message) {
    return new Outcome.Refused(
        AdminReply.error(503, Map.of("Retry-After", "30"), "unavailable", message));
  }
}
