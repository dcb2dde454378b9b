package dev.gatehouse.policy.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.JsonRpcBody;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.JsonRpcMessage;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.RequestFilter;
import dev.gatehouse.core.ResponseFilter;
import dev.gatehouse.core.ServerMessage;
import dev.gatehouse.core.Verdict;
import dev.gatehouse.policy.PolicyKeys;
import dev.gatehouse.policy.auth.AuthResult.GrantedScopes;
import dev.gatehouse.policy.auth.BearerChallenge;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code AUTHORIZE} request slot and the {@code FILTER_LISTS} response slot: may this identity
 * use this connection, method, tool, resource or prompt; and list replies trimmed to what it may
 * use. A batch is refused whole when any message in it is refused (forwarding part of a batch would
 * need the gateway to stitch replies; refusing is the fail-closed choice).
 */
public final class AuthorizationFilter implements RequestFilter, ResponseFilter {
  private final Function<String, AccessPolicy> policies;
  private final Function<String, String> resourceMetadataUrl;

  /**
   * @param policies connection name to its policy ({@code null}: no policy, deny everything)
   * @param resourceMetadataUrl connection name to its protected resource metadata URL
   */
  public AuthorizationFilter(
      Function<String, AccessPolicy> policies, Function<String, String> resourceMetadataUrl) {
    this.policies = policies;
    this.resourceMetadataUrl = resourceMetadataUrl;
  }

  @Override
  public Decision onRequest(McpExchange exchange) {
    AccessPolicy policy = policyOf(exchange);
    Identity identity = exchange.identity();

    if (!policy.requiredScopes().isEmpty()) {
      GrantedScopes granted = exchange.get(PolicyKeys.SCOPES);
      // No scopes attached means authentication did not run: refuse rather than guess.
      if (granted == null
          || (granted.applicable() && !granted.scopes().containsAll(policy.requiredScopes()))) {
        String needed = String.join(" ", new TreeSet<>(policy.requiredScopes()));
        return refuse(
            exchange,
            FilterChain.firstRequestId(exchange),
            "scope",
            "the token lacks the scope this connection needs (" + needed + ")",
            BearerChallenge.header(
                resourceMetadataUrl.apply(exchange.connection()),
                "insufficient_scope",
                "the token lacks a required scope",
                needed));
      }
    }

    JsonRpcBody.Messages messages = exchange.messages();
    if (messages == null) {
      if (!(exchange.body() instanceof JsonRpcBody.None)) {
        return refuse(
            exchange, FilterChain.firstRequestId(exchange), "invalid", "invalid body", null);
      }
      // GET (server stream) or DELETE (end session): membership of the connection is enough.
      AccessDecision member = policy.membership(identity);
      if (!member.allowed()) {
        return refuse(exchange, null, member.rule(), member.reason(), null);
      }
      exchange.put(PolicyKeys.ACCESS_RULE, member.rule());
      return Decision.CONTINUE;
    }
    String allowedBy = null;
    for (JsonRpcMessage message : messages.messages()) {
      AccessDecision decision = policy.decide(identity, message);
      if (!decision.allowed()) {
        JsonNode id = message.isRequest() ? message.id() : FilterChain.firstRequestId(exchange);
        return refuse(exchange, id, decision.rule(), decision.reason(), null);
      }
      if (allowedBy == null) {
        allowedBy = decision.rule();
      }
    }
    exchange.put(PolicyKeys.ACCESS_RULE, allowedBy);
    return Decision.CONTINUE;
  }

  @Override
  public Decision onServerMessage(McpExchange exchange, ServerMessage message) {
    if (message.fromGateway() || !message.isResponse()) {
      return Decision.CONTINUE;
    }
    if (!(message.message().get("result") instanceof ObjectNode result)) {
      return Decision.CONTINUE;
    }
    String method = requestMethod(exchange, message.message().get("id"));
    if (ListFilter.isListMethod(method)) {
      if (ListFilter.filter(method, result, policyOf(exchange), exchange.identity()) > 0) {
        message.markChanged();
      }
    }
    return Decision.CONTINUE;
  }

  private AccessPolicy policyOf(McpExchange exchange) {
    AccessPolicy policy = policies.apply(exchange.connection());
    return policy == null ? AccessPolicy.DENY_ALL : policy;
  }

  /** The method of the client request this response answers, or {@code null}. */
  private static String requestMethod(McpExchange exchange, JsonNode id) {
    JsonRpcBody.Messages messages = exchange.messages();
    if (messages == null || id == null) {
      return null;
    }
    for (JsonRpcMessage m : messages.messages()) {
      if (m.isRequest() && sameId(m.id(), id)) {
        return m.method();
      }
    }
    return null;
  }

  private static boolean sameId(JsonNode a, JsonNode b) {
    if (a.isTextual() || b.isTextual()) {
      return a.isTextual() && b.isTextual() && a.textValue().equals(b.textValue());
    }
    return a.isIntegralNumber()
        && b.isIntegralNumber()
        && a.bigIntegerValue().equals(b.bigIntegerValue());
  }

  private static Decision refuse(
      McpExchange exchange, JsonNode id, String rule, String reason, String challenge) {
    HttpReply reply =
        new HttpReply(
            403,
            challenge == null ? Map.of() : Map.of("WWW-Authenticate", challenge),
            JsonRpcErrors.error(id, JsonRpcErrors.GATEWAY_REFUSED, "Forbidden: " + reason));
    return Decision.respond(reply, Verdict.of(Verdict.Outcome.BLOCKED, "authz:" + rule, reason));
  }
}
