package dev.gatehouse.policy.auth;

import dev.gatehouse.core.Identity;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** The outcome of checking one bearer token. Never carries the token itself. */
public sealed interface AuthResult {

  /**
   * The token is valid.
   *
   * @param identity who is calling
   * @param scopes the OAuth scopes the token grants; {@link GrantedScopes#NOT_APPLICABLE} for
   *     credentials that have no scopes (service tokens)
   * @param expiresAt when the credential stops being valid ({@code null}: never before revocation)
   */
  record Authenticated(Identity identity, GrantedScopes scopes, Instant expiresAt)
      implements AuthResult {
    public Authenticated {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(scopes, "scopes");
    }
  }

  /**
   * The token is refused.
   *
   * @param reason a short, human-readable reason, safe to show the client (never token content)
   * @param errorCode the RFC 6750 error code ({@code invalid_token}, {@code invalid_request}), or
   *     {@code null} when no credential was presented at all; {@code temporarily_unavailable} when
   *     the identity provider's keys could not be had
   * @param httpStatus 401, 400, or 503 when validation was impossible (fail closed)
   */
  record Rejected(String reason, String errorCode, int httpStatus) implements AuthResult {
    public static Rejected invalidToken(String reason) {
      return new Rejected(reason, INVALID_TOKEN, 401);
    }

    public static Rejected unavailable(String reason) {
      return new Rejected(reason, TEMPORARILY_UNAVAILABLE, 503);
    }
  }

  String INVALID_TOKEN = "invalid_token";
  String INVALID_REQUEST = "invalid_request";
  String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

  /** Scopes from an OAuth token; see {@link Authenticated#scopes()}. */
  record GrantedScopes(Set<String> scopes, boolean applicable) {
    public static final GrantedScopes NOT_APPLICABLE = new GrantedScopes(Set.of(), false);

    public GrantedScopes {
      scopes = Set.copyOf(scopes);
    }

    public static GrantedScopes of(Set<String> scopes) {
      return new GrantedScopes(scopes, true);
    }
  }
}
