package dev.gatehouse.core;

/**
 * The fixed request-side order of the data path (DESIGN.md, "The data path"). The order is part of
 * the security model, so it is written down once, here, and nowhere else:
 *
 * <ol>
 *   <li>{@link #HYGIENE}: Host/Origin checks run first so a DNS-rebinding page cannot even probe
 *       authentication.
 *   <li>{@link #AUTHENTICATE}: nothing below may run for a caller we cannot name; an anonymous
 *       caller learns nothing about our parser, policies or upstreams.
 *   <li>{@link #RATE_LIMIT}: after authentication so limits are per identity, and before any costly
 *       policy work so a flood is cheap to refuse.
 *   <li>{@link #PARSE}: the body was parsed before the chain started; this slot answers an invalid
 *       body and checks protocol-level rules (batches, mirrored 2026-07-28 headers) so every later
 *       slot sees well-formed messages.
 *   <li>{@link #AUTHORIZE}: may this identity use this connection, method, tool, resource, prompt.
 *   <li>{@link #GUARDRAILS}: content rules on arguments; after authorization so a refused caller
 *       never learns which arguments would have been blocked.
 *   <li>{@link #APPROVAL}: last, so a human is only asked about requests that would otherwise run.
 * </ol>
 *
 * Forwarding to the upstream follows the last slot and is not a filter.
 */
public enum RequestSlot {
  HYGIENE,
  AUTHENTICATE,
  RATE_LIMIT,
  PARSE,
  AUTHORIZE,
  GUARDRAILS,
  APPROVAL
}
