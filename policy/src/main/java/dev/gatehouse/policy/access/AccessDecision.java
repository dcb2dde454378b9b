package dev.gatehouse.policy.access;

/**
 * The outcome of an access check.
 *
 * @param allowed whether the identity may proceed
 * @param rule the rule that decided: a configured rule's name, {@value #PROTOCOL} for the protocol
 *     methods every member of a connection may use, or {@value #DEFAULT_DENY}
 * @param reason a short human-readable reason, safe to show the client
 */
public record AccessDecision(boolean allowed, String rule, String reason) {
  public static final String PROTOCOL = "protocol";
  public static final String DEFAULT_DENY = "default-deny";

  static AccessDecision allow(String rule) {
    return new AccessDecision(true, rule, null);
  }

  static AccessDecision deny(String rule, String reason) {
    return new AccessDecision(false, rule, reason);
  }
}
