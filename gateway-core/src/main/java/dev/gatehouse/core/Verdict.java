package dev.gatehouse.core;

/**
 * The decision recorded for an exchange: what happened and which rule (or person) made it so.
 *
 * @param outcome the kind of decision
 * @param rule the rule or component that decided (e.g. {@code authz:deny-delete}); may be null
 * @param actor who decided when a person did (an approver); may be null
 * @param detail a short human-readable reason; may be null
 */
public record Verdict(Outcome outcome, String rule, String actor, String detail) {

  /** The decision kinds DESIGN.md's audit contract names. */
  public enum Outcome {
    ALLOWED,
    BLOCKED,
    APPROVED,
    DENIED,
    TIMED_OUT,
    UNAUTHENTICATED,
    RATE_LIMITED,
    INVALID,
    UPSTREAM_FAILED,
    FAILED
  }

  public static final Verdict ALLOWED = new Verdict(Outcome.ALLOWED, null, null, null);

  public static Verdict of(Outcome outcome, String rule, String detail) {
    return new Verdict(outcome, rule, null, detail);
  }
}
