package dev.gatehouse.server.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.RequestSlot;
import dev.gatehouse.core.ResponseSlot;
import dev.gatehouse.policy.access.AccessPolicy;
import dev.gatehouse.policy.access.AccessPolicySettings;
import dev.gatehouse.policy.access.AuthorizationFilter;
import dev.gatehouse.policy.auth.AuthSettings;
import dev.gatehouse.policy.auth.AuthenticationFilter;
import dev.gatehouse.policy.auth.BearerAuthenticator;
import dev.gatehouse.policy.auth.ProtectedResourceMetadata;
import dev.gatehouse.policy.config.PolicyConfigException;
import dev.gatehouse.policy.session.SessionKeys;
import dev.gatehouse.policy.session.SessionSealer;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.GatehouseConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity and least privilege, assembled from the {@code auth} section and each connection's
 * {@code access} rules: authentication, authorization (requests and list replies), session binding
 * and the RFC 9728 metadata. Without an {@code auth} section every caller is anonymous and nothing
 * is authorized — allowed only as an explicit choice, and logged loudly at start.
 */
public final class IdentityFeature {
  private static final Logger log = LoggerFactory.getLogger(IdentityFeature.class);

  private final AuthSettings auth;
  private final Map<String, AccessPolicy> policies;
  private volatile URI publicUrl;
  private final SessionBinding sessions;
  private final BearerAuthenticator authenticator;

  private IdentityFeature(
      AuthSettings auth, Map<String, AccessPolicy> policies, URI publicUrl, SessionSealer sealer) {
    this.auth = auth;
    this.policies = Map.copyOf(policies);
    this.publicUrl = publicUrl;
    this.sessions = new SessionBinding(sealer);
    this.authenticator = auth == null ? null : BearerAuthenticator.from(auth);
  }

  /**
   * The MCP listener is bound to {@code port}: a public URL that names port 0 (the default one of a
   * listener configured with port 0) takes the real port, so the 401 challenge and the RFC 9728
   * metadata point where clients can actually connect.
   */
  public void listenerBound(int port) {
    URI url = publicUrl;
    if (url.getPort() == 0) {
      try {
        publicUrl =
            new URI(
                url.getScheme(),
                url.getUserInfo(),
                url.getHost(),
                port,
                url.getPath(),
                url.getQuery(),
                url.getFragment());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException("cannot set the port of " + url, e);
      }
    }
  }

  /** The URL clients use to reach the MCP listener. */
  public URI publicUrl() {
    return publicUrl;
  }

  /** Parses and validates the sections; errors name the key (and line, once mapped). */
  public static IdentityFeature from(GatehouseConfig config) {
    try {
      AuthSettings auth = AuthSettings.parse(config.section("auth"), "/auth");
      Map<String, AccessPolicy> policies = new HashMap<>();
      for (String name : config.connections().keySet()) {
        JsonNode access = config.section("connections").path(name).path("access");
        policies.put(name, AccessPolicySettings.parse(access, "/connections/" + name + "/access"));
      }
      SessionSealer sealer =
          auth == null || auth.sessionKey() == null
              ? SessionSealer.withRandomKey()
              : new SessionSealer(SessionKeys.resolve(auth.sessionKey(), System::getenv));
      return new IdentityFeature(auth, policies, URI.create(config.gateway().publicUrl()), sealer);
    } catch (PolicyConfigException e) {
      throw new ConfigException(e.pointer(), e.detail());
    }
  }

  /** Validation only, for {@code config check}. */
  public static void check(GatehouseConfig config) {
    from(config);
  }

  public boolean authEnabled() {
    return auth != null;
  }

  /** Registers authentication, session binding and authorization in their slots. */
  public void register(FilterChain.Builder chain) {
    if (auth == null) {
      log.warn(
          "no 'auth' section: every caller is anonymous and no access rule is enforced."
              + " Configure auth for anything but a local trial.");
      chain.request(RequestSlot.AUTHORIZE, "session-binding", sessions);
      return;
    }
    if (auth.serviceTokenStore() == null && auth.issuers().isEmpty()) {
      log.warn("auth has neither issuers nor a service-token store: every request will be refused");
    }
    if (authenticator.oidc() != null) {
      authenticator.oidc().prefetch(); // first requests need not wait for the IdP's keys
    }
    AuthorizationFilter authorization = new AuthorizationFilter(policies::get, this::metadataUrl);
    chain
        .request(
            RequestSlot.AUTHENTICATE,
            "bearer",
            new AuthenticationFilter(authenticator, this::metadataUrl))
        .request(RequestSlot.AUTHORIZE, "session-binding", sessions)
        .request(RequestSlot.AUTHORIZE, "access-rules", authorization)
        .response(ResponseSlot.FILTER_LISTS, "access-rules", authorization);
  }

  /**
   * Authentication for the admin listener: the same filter over the same authenticator (and so the
   * same token and key caches) as the MCP listener, with challenges pointing at the root metadata.
   * {@code null} when authentication is off.
   */
  public AuthenticationFilter adminAuthentication() {
    return auth == null ? null : new AuthenticationFilter(authenticator, c -> metadataUrl(null));
  }

  /** {@code auth.adminGroup}: members may use the admin API; {@code null} when nobody may. */
  public String adminGroup() {
    return auth == null || auth.adminGroup() == null || auth.adminGroup().isBlank()
        ? null
        : auth.adminGroup();
  }

  public SessionBinding sessions() {
    return sessions;
  }

  /** The RFC 9728 metadata URL for a connection (what 401 challenges point at). */
  public String metadataUrl(String connection) {
    return ProtectedResourceMetadata.metadataUrl(publicUrl, connection);
  }

  /**
   * The protected-resource metadata for {@code connection} ({@code null} for the root form), or
   * {@code null} when authentication is off.
   */
  public ObjectNode metadata(String connection) {
    if (auth == null) {
      return null;
    }
    List<String> issuers = auth.issuers().stream().map(i -> i.issuer()).toList();
    TreeSet<String> scopes = new TreeSet<>();
    if (connection != null && policies.containsKey(connection)) {
      scopes.addAll(policies.get(connection).requiredScopes());
    } else if (connection == null) {
      policies.values().forEach(p -> scopes.addAll(p.requiredScopes()));
    }
    return ProtectedResourceMetadata.json(publicUrl, connection, issuers, List.copyOf(scopes));
  }
}
