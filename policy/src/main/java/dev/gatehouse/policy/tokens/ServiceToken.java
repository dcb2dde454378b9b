package dev.gatehouse.policy.tokens;

import java.time.Instant;
import java.util.Set;

/**
 * A CI service token as stored and listed: everything but the secret (which is never stored; only
 * its hash is, and the hash never leaves the store).
 *
 * @param id the token id (also embedded in the token, for O(1) lookup)
 * @param name the identity's subject: a pipeline or system name
 * @param groups groups the identity is in
 * @param createdAt creation time
 * @param expiresAt expiry; the token is refused from then on
 * @param revokedAt revocation time, or {@code null}
 */
public record ServiceToken(
    String id,
    String name,
    Set<String> groups,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt) {
  public ServiceToken {
    groups = Set.copyOf(groups);
  }

  public boolean activeAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }
}
