package dev.gatehouse.policy.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.config.ConfigNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code auth:} section, validated. See docs/configuration-auth.md.
 *
 * @param issuers trusted OIDC issuers, each with its effective (merged) settings
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param algorithms the JWS algorithms accepted (never {@code none}, never HMAC)
 * @param allowMissingTyp whether a JWT without a {@code typ} header is accepted
 * @param jwks key fetching and caching
 * @param tokenCacheSize how many validated tokens are remembered (until each one's expiry)
 * @param serviceTokenStore the service-token file, or {@code null} when service tokens are off
 * @param serviceTokenRecheck how often the store checks whether its file changed
 * @param sessionKey where the session-binding key comes from, or {@code null} (a random key per
 *     process: sessions then do not survive a restart nor move between replicas)
 * @param adminGroup members of this group may use the admin API; {@code null}: nobody
 */
public record AuthSettings(
    List<IssuerSettings> issuers,
    Duration clockSkew,
    Set<String> algorithms,
    boolean allowMissingTyp,
    JwksSettings jwks,
    int tokenCacheSize,
    Path serviceTokenStore,
    Duration serviceTokenRecheck,
    SecretSource sessionKey,
    String adminGroup) {

  /** Algorithms accepted unless configured otherwise: asymmetric only. */
  public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "PS256", "ES256", "EdDSA");

  /** Every algorithm that may be configured. HMAC and {@code none} are deliberately absent. */
  public static final Set<String> SUPPORTED_ALGORITHMS =
      Set.of(
          "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
          "Ed25519");

  public AuthSettings {
    issuers = List.copyOf(issuers);
    algorithms = Set.copyOf(algorithms);
  }

  /**
   * One trusted issuer with its effective settings.
   *
   * @param issuer the exact {@code iss} value
   * @param discovery the OpenID discovery document URL
   * @param jwksUri a fixed JWKS URL (skips discovery), or {@code null}
   * @param audiences a token must name at least one of these in {@code aud}
   * @param groupsClaims claim paths whose values become groups
   * @param staticGroups extra groups by subject (any identity) or client id (service identities)
   * @param serviceClaims claim matches that mark a token as a service identity, besides the
   *     built-in client-credentials heuristics
   */
  public record IssuerSettings(
      String issuer,
      URI discovery,
      URI jwksUri,
      List<String> audiences,
      List<String> groupsClaims,
      Map<String, Set<String>> staticGroups,
      List<ClaimMatch> serviceClaims) {
    public IssuerSettings {
      audiences = List.copyOf(audiences);
      groupsClaims = List.copyOf(groupsClaims);
      staticGroups = Map.copyOf(staticGroups);
      serviceClaims = List.copyOf(serviceClaims);
    }

    /** Settings with defaults: discovery at the standard place, {@code groups} claim. */
    public static IssuerSettings of(String issuer, String audience) {
      return new IssuerSettings(
          issuer,
          defaultDiscovery(issuer),
          null,
          List.of(audience),
          List.of("groups"),
          Map.of(),
          List.of());
    }
  }

  /** A claim (by path) that must equal a value. */
  public record ClaimMatch(String claim, String equals) {}

  /**
   * JWKS fetching.
   *
   * @param refreshInterval keys older than this are refreshed in the background (still served)
   * @param minRefetchInterval at most one fetch per issuer in this interval, whatever triggers it
   *     (unknown {@code kid}, failed signature, failure retry), so bogus tokens cannot hammer the
   *     IdP
   * @param connectTimeout TCP/TLS connect timeout
   * @param requestTimeout whole-response timeout of one fetch
   */
  public record JwksSettings(
      Duration refreshInterval,
      Duration minRefetchInterval,
      Duration connectTimeout,
      Duration requestTimeout) {
    public static final JwksSettings DEFAULTS =
        new JwksSettings(
            Duration.ofMinutes(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10));
  }

  /** A secret read from an environment variable or a file, never inline in the YAML. */
  public record SecretSource(String fromEnv, Path fromFile) {}

  /** Settings for tests and embedding: one issuer, defaults elsewhere. */
  public static AuthSettings forIssuers(List<IssuerSettings> issuers) {
    return new AuthSettings(
        issuers,
        Duration.ofSeconds(60),
        DEFAULT_ALGORITHMS,
        true,
        JwksSettings.DEFAULTS,
        10_000,
        null,
        Duration.ofSeconds(1),
        null,
        null);
  }

  public AuthSettings withJwks(JwksSettings jwks) {
    return new AuthSettings(
        issuers,
        clockSkew,
        algorithms,
        allowMissingTyp,
        jwks,
        tokenCacheSize,
        serviceTokenStore,
        serviceTokenRecheck,
        sessionKey,
        adminGroup);
  }

  public AuthSettings withServiceTokenStore(Path store, Duration recheck) {
    return new AuthSettings(
        issuers,
        clockSkew,
        algorithms,
        allowMissingTyp,
        jwks,
        tokenCacheSize,
        store,
        recheck,
        sessionKey,
        adminGroup);
  }

  static URI defaultDiscovery(String issuer) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    return URI.create(base + "/.well-known/openid-configuration");
  }

  private static final Set<String> AUTH_KEYS =
      Set.of(
          "issuers",
          "audience",
          "clockSkew",
          "algorithms",
          "groupsClaim",
          "staticGroups",
          "serviceClaims",
          "allowMissingTyp",
          "jwks",
          "tokenCache",
          "serviceTokens",
          "sessionKey",
          "adminGroup");
  private static final Set<String> ISSUER_KEYS =
      Set.of(
          "issuer",
          "discovery",
          "jwksUri",
          "audience",
          "groupsClaim",
          "staticGroups",
          "serviceClaims");

  /**
   * Parses the {@code auth:} section.
   *
   * @param section the section's tree (may be missing: then {@code null} is returned: auth off)
   * @param pointer the section's JSON pointer, usually {@code /auth}
   * @throws dev.gatehouse.policy.config.PolicyConfigException naming the key at fault
   */
  public static AuthSettings parse(JsonNode section, String pointer) {
    ConfigNode auth = ConfigNode.root(section, pointer);
    if (!auth.present()) {
      return null;
    }
    auth.requireObject(AUTH_KEYS);

    List<String> audiences = auth.texts("audience");
    List<String> groupsClaims = auth.texts("groupsClaim");
    if (groupsClaims.isEmpty()) {
      groupsClaims = List.of("groups");
    }
    Map<String, Set<String>> staticGroups = auth.textSets("staticGroups");
    List<ClaimMatch> serviceClaims = parseClaimMatches(auth.get("serviceClaims"));

    Set<String> algorithms = new LinkedHashSet<>(auth.texts("algorithms"));
    if (algorithms.isEmpty()) {
      algorithms.addAll(DEFAULT_ALGORITHMS);
    }
    for (String alg : algorithms) {
      if (!SUPPORTED_ALGORITHMS.contains(alg)) {
        throw auth.get("algorithms")
            .error(
                "'"
                    + alg
                    + "' is not accepted: only asymmetric signatures are ("
                    + String.join(", ", SUPPORTED_ALGORITHMS.stream().sorted().toList())
                    + "); 'none' and HMAC (HS*) never are");
      }
    }

    List<IssuerSettings> issuers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ConfigNode item : auth.items("issuers")) {
      item.requireObject(ISSUER_KEYS);
      String issuer = item.requiredText("issuer");
      URI issuerUri = item.uri("issuer", null);
      if (!"https".equals(issuerUri.getScheme()) && !isLoopback(issuerUri)) {
        throw item.get("issuer").error("must be https (plain http only for localhost)");
      }
      if (!seen.add(issuer)) {
        throw item.get("issuer").error("issuer configured twice");
      }
      List<String> aud = item.texts("audience");
      if (aud.isEmpty()) {
        aud = audiences;
      }
      if (aud.isEmpty()) {
        throw auth.get("audience")
            .error("is required: tokens must be issued for this gateway (e.g. its public URL)");
      }
      List<String> claims = item.texts("groupsClaim");
      Map<String, Set<String>> merged = new HashMap<>(staticGroups);
      item.textSets("staticGroups")
          .forEach(
              (k, v) -> {
                Set<String> union = new HashSet<>(merged.getOrDefault(k, Set.of()));
                union.addAll(v);
                merged.put(k, union);
              });
      List<ClaimMatch> matches = new ArrayList<>(serviceClaims);
      matches.addAll(parseClaimMatches(item.get("serviceClaims")));
      issuers.add(
          new IssuerSettings(
              issuer,
              item.uri("discovery", defaultDiscovery(issuer)),
              item.uri("jwksUri", null),
              aud,
              claims.isEmpty() ? groupsClaims : claims,
              merged,
              matches));
    }

    ConfigNode jwksNode =
        auth.get("jwks")
            .requireObject(
                Set.of(
                    "refreshInterval", "minRefetchInterval", "connectTimeout", "requestTimeout"));
    JwksSettings d = JwksSettings.DEFAULTS;
    JwksSettings jwks =
        new JwksSettings(
            jwksNode.duration("refreshInterval", d.refreshInterval()),
            jwksNode.duration("minRefetchInterval", d.minRefetchInterval()),
            jwksNode.duration("connectTimeout", d.connectTimeout()),
            jwksNode.duration("requestTimeout", d.requestTimeout()));

    ConfigNode cache = auth.get("tokenCache").requireObject(Set.of("maxEntries"));
    ConfigNode tokens = auth.get("serviceTokens").requireObject(Set.of("store", "recheck"));
    String store = tokens.text("store", null);
    if (tokens.present() && store == null) {
      throw tokens.get("store").error("is required when serviceTokens is present");
    }
    if (issuers.isEmpty() && store == null) {
      throw auth.get("issuers")
          .error("at least one issuer (or serviceTokens.store) is required when auth is on");
    }

    return new AuthSettings(
        issuers,
        auth.duration("clockSkew", Duration.ofSeconds(60)),
        algorithms,
        auth.bool("allowMissingTyp", true),
        jwks,
        cache.positiveInt("maxEntries", 10_000),
        store == null ? null : Path.of(store),
        tokens.duration("recheck", Duration.ofSeconds(1)),
        parseSecret(auth.get("sessionKey")),
        auth.text("adminGroup", null));
  }

  private static List<ClaimMatch> parseClaimMatches(ConfigNode node) {
    List<ClaimMatch> out = new ArrayList<>();
    if (!node.present()) {
      return out;
    }
    for (ConfigNode item : node.asList()) {
      item.requireObject(Set.of("claim", "equals"));
      out.add(new ClaimMatch(item.requiredText("claim"), item.requiredText("equals")));
    }
    return out;
  }

  static SecretSource parseSecret(ConfigNode node) {
    if (!node.present()) {
      return null;
    }
    node.requireObject(Set.of("fromEnv", "fromFile"));
    String env = node.text("fromEnv", null);
    String file = node.text("fromFile", null);
    if ((env == null) == (file == null)) {
      throw node.error("give exactly one of fromEnv or fromFile (never the key inline)");
    }
    return new SecretSource(env, file == null ? null : Path.of(file));
  }

  private static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
  }
}
