package dev.gatehouse.policy.auth;

import dev.gatehouse.core.Identity;
import dev.gatehouse.policy.auth.AuthResult.GrantedScopes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns verified claims into an {@link Identity}: subject, display name, groups (from claims and
 * static mappings) and whether a person or a service is calling.
 */
final class IdentityMapper {
  /** Claims that carry the OAuth client id in the IdPs we know (RFC 9068, Okta, Entra ID). */
  private static final List<String> CLIENT_ID_CLAIMS = List.of("client_id", "azp", "cid", "appid");

  private IdentityMapper() {}

  /** The identity, or {@code null} when the token names no subject at all. */
  static Identity map(AuthSettings.IssuerSettings issuer, Map<String, Object> claims) {
    String clientId = null;
    for (String claim : CLIENT_ID_CLAIMS) {
      clientId = ClaimPaths.string(claims, claim);
      if (clientId != null) {
        break;
      }
    }
    String subject = ClaimPaths.string(claims, "sub");
    if (subject == null) {
      subject = clientId;
    }
    if (subject == null) {
      return null;
    }
    boolean service = isService(issuer, claims, subject, clientId);

    Set<String> groups = new LinkedHashSet<>();
    for (String path : issuer.groupsClaims()) {
      groups.addAll(ClaimPaths.strings(claims, path));
    }
    groups.addAll(issuer.staticGroups().getOrDefault(subject, Set.of()));
    // A client id maps to groups only for service identities: for a person, azp is merely the app
    // they logged in with, and mapping it would hand its groups to every user of that app.
    if (service && clientId != null && !clientId.equals(subject)) {
      groups.addAll(issuer.staticGroups().getOrDefault(clientId, Set.of()));
    }

    String display = subject;
    for (String claim : List.of("name", "preferred_username", "email")) {
      String value = ClaimPaths.string(claims, claim);
      if (value != null) {
        display = value;
        break;
      }
    }
    return new Identity(
        subject,
        display,
        groups,
        service ? Identity.Kind.SERVICE : Identity.Kind.USER,
        ClaimPaths.string(claims, "jti"),
        issuer.issuer());
  }

  /**
   * A client-credentials token has no user: IdPs mark it by a subject equal to the client id (RFC
   * 9068 section 2.2, Okta, mock-oauth2-server with a client_id claim), {@code gty} (Auth0), or by
   * a claim the operator configures (e.g. Entra ID's {@code idtyp: app}).
   */
  private static boolean isService(
      AuthSettings.IssuerSettings issuer,
      Map<String, Object> claims,
      String subject,
      String clientId) {
    if ("client-credentials".equals(ClaimPaths.string(claims, "gty"))) {
      return true;
    }
    for (String claim : CLIENT_ID_CLAIMS) {
      if (subject.equals(ClaimPaths.string(claims, claim))) {
        return true;
      }
    }
    if (ClaimPaths.string(claims, "sub") == null && clientId != null) {
      return true;
    }
    for (AuthSettings.ClaimMatch match : issuer.serviceClaims()) {
      Object value = ClaimPaths.get(claims, match.claim());
      if (value != null && match.equals().equals(String.valueOf(value))) {
        return true;
      }
    }
    return false;
  }

  /** OAuth scopes: {@code scope} (space-separated, RFC 9068) or {@code scp} (list or string). */
  static GrantedScopes scopes(Map<String, Object> claims) {
    Set<String> scopes = new LinkedHashSet<>();
    String scope = ClaimPaths.string(claims, "scope");
    if (scope != null) {
      for (String s : scope.trim().split("\\s+")) {
        if (!s.isEmpty()) {
          scopes.add(s);
        }
      }
    }
    Object scp = claims.get("scp");
    if (scp instanceof String s) {
      for (String part : s.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          scopes.add(part);
        }
      }
    } else {
      scopes.addAll(ClaimPaths.strings(claims, "scp"));
    }
    return GrantedScopes.of(scopes);
  }
}
