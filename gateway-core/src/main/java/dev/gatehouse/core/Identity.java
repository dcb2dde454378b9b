package dev.gatehouse.core;

import java.util.Set;

/**
 * Who is calling, as established by the authentication slot. Every later step, log line and audit
 * record about a request uses this value; the token itself never appears in it.
 *
 * @param subject stable subject identifier ({@code sub}, or the service-token name)
 * @param displayName human-readable name where the issuer provides one, else the subject
 * @param groups groups after claim extraction and static mappings
 * @param kind whether a person or a pipeline is calling
 * @param tokenId the token's id ({@code jti}, or the service-token id), never the token
 * @param issuer the issuer that vouched for the identity
 */
public record Identity(
    String subject,
    String displayName,
    Set<String> groups,
    Kind kind,
    String tokenId,
    String issuer) {

  /** Whether the identity is a person or an automated client. */
  public enum Kind {
    USER,
    SERVICE,
    /** No authentication configured for the connection: the caller is anonymous. */
    ANONYMOUS
  }

  public static final Identity ANONYMOUS =
      new Identity("anonymous", "anonymous", Set.of(), Kind.ANONYMOUS, null, null);

  public Identity {
    groups = Set.copyOf(groups);
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}
