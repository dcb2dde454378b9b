package dev.gatehouse.policy.auth;

import dev.gatehouse.policy.auth.AuthResult.Rejected;
import dev.gatehouse.policy.tokens.ServiceTokenStore;
import dev.gatehouse.policy.tokens.TokenFormat;

/**
 * Routes a bearer credential to the right checker by its shape: {@code gh_svc_…} to the service
 * token store, anything else to the OIDC validator. Either may be absent (not configured), and then
 * its credentials are refused.
 */
public final class BearerAuthenticator implements Authenticator {
  private final OidcValidator oidc;
  private final ServiceTokenStore serviceTokens;

  /**
   * @param oidc the JWT validator, or {@code null} when no issuer is configured
   * @param serviceTokens the service-token store, or {@code null} when service tokens are off
   */
  public BearerAuthenticator(OidcValidator oidc, ServiceTokenStore serviceTokens) {
    this.oidc = oidc;
    this.serviceTokens = serviceTokens;
  }

  /** Builds both checkers from the settings. */
  public static BearerAuthenticator from(AuthSettings settings) {
    return new BearerAuthenticator(
        settings.issuers().isEmpty() ? null : new OidcValidator(settings),
        settings.serviceTokenStore() == null
            ? null
            : new ServiceTokenStore(
                settings.serviceTokenStore(),
                java.time.Clock.systemUTC(),
                settings.serviceTokenRecheck()));
  }

  /** The OIDC validator, or {@code null}. */
  public OidcValidator oidc() {
    return oidc;
  }

  /** The service token store, or {@code null}. */
  public ServiceTokenStore serviceTokens() {
    return serviceTokens;
  }

  @Override
  public AuthAttempt authenticate(String bearer) {
    if (TokenFormat.looksLikeServiceToken(bearer)) {
      return serviceTokens != null
          ? serviceTokens.authenticate(bearer)
          : new AuthAttempt.Ready(Rejected.invalidToken("service tokens are not enabled"));
    }
    return oidc != null
        ? oidc.authenticate(bearer)
        : new AuthAttempt.Ready(Rejected.invalidToken("no token issuer is configured"));
  }
}
