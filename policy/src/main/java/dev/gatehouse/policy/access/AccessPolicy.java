package dev.gatehouse.policy.access;

import dev.gatehouse.core.Identity;
import dev.gatehouse.core.JsonRpcMessage;
import java.util.List;
import java.util.Set;

/**
 * The access rules of one connection. Default deny; a matching deny beats any allow; the first
 * matching allow names the decision.
 *
 * <p>Two kinds of JSON-RPC methods:
 *
 * <ul>
 *   <li>Methods that use a named thing ({@code tools/call}, {@code prompts/get}, {@code
 *       resources/read}, {@code resources/subscribe}, {@code resources/unsubscribe}) are decided by
 *       the thing's name, with {@link #decideTarget}; list replies are filtered with the very same
 *       predicate, so list and call cannot disagree.
 *   <li>Every other method is decided by its name against {@code methods} patterns, except the
 *       {@link #PROTOCOL_METHODS}, which any member of the connection may use (a member is an
 *       identity some allow rule applies to). Without them no client could even connect, so they
 *       are not worth a line of everyone's config; they can still be denied explicitly.
 * </ul>
 */
public final class AccessPolicy {

  /** Methods any member may use: the handshake, liveness, and the (filtered) lists. */
  public static final Set<String> PROTOCOL_METHODS =
      Set.of(
          "initialize",
          "ping",
          "notifications/initialized",
          "notifications/cancelled",
          "notifications/progress",
          "notifications/roots/list_changed",
          "tools/list",
          "resources/list",
          "resources/templates/list",
          "prompts/list");

  /** No rules: nobody may do anything. */
  public static final AccessPolicy DENY_ALL = new AccessPolicy(List.of(), Set.of());

  private final List<AccessRule> rules;
  private final Set<String> requiredScopes;

  public AccessPolicy(List<AccessRule> rules, Set<String> requiredScopes) {
    this.rules = List.copyOf(rules);
    this.requiredScopes = Set.copyOf(requiredScopes);
  }

  public List<AccessRule> rules() {
    return rules;
  }

  /** OAuth scopes a token must carry to use the connection at all (empty: none). */
  public Set<String> requiredScopes() {
    return requiredScopes;
  }

  /** Whether some allow rule applies to {@code identity}: it may connect and use the protocol. */
  public AccessDecision membership(Identity identity) {
    for (AccessRule rule : rules) {
      if (!rule.allow().isEmpty() && rule.who().matches(identity)) {
        return AccessDecision.allow(rule.name());
      }
    }
    return AccessDecision.deny(
        AccessDecision.DEFAULT_DENY, "this connection is not available to you");
  }

  /** Decides one client message. */
  public AccessDecision decide(Identity identity, JsonRpcMessage message) {
    if (message.kind() == JsonRpcMessage.Kind.RESPONSE) {
      // A reply to a server request (sampling, elicitation, roots): part of the protocol.
      return protocol(identity);
    }
    String method = message.method();
    Target target =
        switch (method) {
          case "tools/call" -> Target.TOOL;
          case "prompts/get" -> Target.PROMPT;
          case "resources/read", "resources/subscribe", "resources/unsubscribe" -> Target.RESOURCE;
          default -> null;
        };
    if (target == null) {
      return decideMethod(identity, method);
    }
    String name = message.targetName();
    if (name == null) {
      return AccessDecision.deny(AccessDecision.DEFAULT_DENY, method + " names nothing");
    }
    if (!method.equals(target.useMethod())) {
      AccessRule denying = denyingMethod(identity, method);
      if (denying != null) {
        return AccessDecision.deny(denying.name(), method + " is not permitted");
      }
    }
    return decideTarget(identity, target, name);
  }

  /**
   * Whether {@code identity} may use the named tool, resource or prompt. The one predicate behind
   * both calls and list filtering.
   */
  public AccessDecision decideTarget(Identity identity, Target target, String name) {
    AccessRule denying = denyingMethod(identity, target.useMethod());
    if (denying != null) {
      return AccessDecision.deny(denying.name(), target.useMethod() + " is not permitted");
    }
    AccessRule allowing = null;
    for (AccessRule rule : rules) {
      if (!rule.who().matches(identity)) {
        continue;
      }
      if (rule.deny().covers(target, name)) {
        return AccessDecision.deny(rule.name(), describe(target, name) + " is not permitted");
      }
      if (allowing == null && rule.allow().covers(target, name)) {
        allowing = rule;
      }
    }
    return allowing != null
        ? AccessDecision.allow(allowing.name())
        : AccessDecision.deny(
            AccessDecision.DEFAULT_DENY, describe(target, name) + " is not permitted");
  }

  /** Decides a method that names no tool, resource or prompt. */
  public AccessDecision decideMethod(Identity identity, String method) {
    AccessRule denying = denyingMethod(identity, method);
    if (denying != null) {
      return AccessDecision.deny(denying.name(), method + " is not permitted");
    }
    if (PROTOCOL_METHODS.contains(method)) {
      return protocol(identity);
    }
    for (AccessRule rule : rules) {
      if (rule.who().matches(identity) && rule.allow().coversMethod(method)) {
        return AccessDecision.allow(rule.name());
      }
    }
    return AccessDecision.deny(AccessDecision.DEFAULT_DENY, method + " is not permitted");
  }

  private AccessDecision protocol(Identity identity) {
    AccessDecision member = membership(identity);
    return member.allowed() ? AccessDecision.allow(AccessDecision.PROTOCOL) : member;
  }

  private AccessRule denyingMethod(Identity identity, String method) {
    for (AccessRule rule : rules) {
      if (rule.deny().coversMethod(method) && rule.who().matches(identity)) {
        return rule;
      }
    }
    return null;
  }

  private static String describe(Target target, String name) {
    return switch (target) {
      case TOOL -> "tool '" + name + "'";
      case RESOURCE -> "resource '" + name + "'";
      case PROMPT -> "prompt '" + name + "'";
    };
  }
}
