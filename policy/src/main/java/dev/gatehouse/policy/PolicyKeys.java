package dev.gatehouse.policy;

import dev.gatehouse.core.ExchangeKey;
import dev.gatehouse.policy.auth.AuthResult;

/** What the policy filters attach to an exchange, beyond the typed fields. */
public final class PolicyKeys {
  /** The scopes of the token that authenticated the exchange. */
  public static final ExchangeKey<AuthResult.GrantedScopes> SCOPES =
      ExchangeKey.of("policy.scopes", AuthResult.GrantedScopes.class);

  /** The access rule that allowed the exchange (for logs and audit), e.g. {@code engineers}. */
  public static final ExchangeKey<String> ACCESS_RULE =
      ExchangeKey.of("policy.accessRule", String.class);

  private PolicyKeys() {}
}
