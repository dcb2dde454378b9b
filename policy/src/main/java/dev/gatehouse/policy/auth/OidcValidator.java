package dev.gatehouse.policy.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.Identity;
import dev.gatehouse.policy.auth.AuthResult.Authenticated;
import dev.gatehouse.policy.auth.AuthResult.Rejected;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Validates OIDC access tokens (JWTs) from the configured issuers. Thread-safe; never blocks.
 *
 * <p>Order of checks, cheapest and most decisive first: cache; size; header (unsigned, encrypted,
 * algorithm allow-list, {@code typ}, {@code crit}); issuer known (an unknown issuer never causes a
 * fetch); key by {@code kid}; signature; then {@code iss}, {@code aud}, {@code exp}, {@code nbf},
 * {@code iat}. Claims are only trusted after the signature check.
 */
public final class OidcValidator implements Authenticator {
  /** Longer bearer values are refused before any parsing. */
  static final int MAX_TOKEN_CHARS = 16 * 1024;

  private static final Duration MAX_CACHE_TIME = Duration.ofHours(24);

  private static final Set<String> ACCEPTED_TYPES = Set.of("at+jwt", "application/at+jwt", "jwt");

  private final Map<String, IssuerContext> issuers;
  private final Set<JWSAlgorithm> algorithms;
  private final Duration skew;
  private final boolean allowMissingTyp;
  private final Clock clock;
  private final Cache<String, Authenticated> validated;

  private record IssuerContext(AuthSettings.IssuerSettings settings, IssuerKeys keys) {}

  public OidcValidator(AuthSettings settings) {
    this(settings, Clock.systemUTC(), JwksFetcher.newClient(settings.jwks()));
  }

  /** For tests: a controllable clock and client. */
  OidcValidator(AuthSettings settings, Clock clock, HttpClient client) {
    this.clock = clock;
    this.skew = settings.clockSkew();
    this.allowMissingTyp = settings.allowMissingTyp();
    this.algorithms =
        settings.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
    Map<String, IssuerContext> byIssuer = new LinkedHashMap<>();
    for (AuthSettings.IssuerSettings issuer : settings.issuers()) {
      JwksFetcher fetcher = new JwksFetcher(issuer, client, settings.jwks());
      IssuerKeys keys =
          new IssuerKeys(
              () -> fetcher.fetch().toCompletableFuture(),
              clock,
              settings.jwks().refreshInterval(),
              settings.jwks().minRefetchInterval());
      byIssuer.put(issuer.issuer(), new IssuerContext(issuer, keys));
    }
    this.issuers = Map.copyOf(byIssuer);
    this.validated =
        Caffeine.newBuilder()
            .maximumSize(settings.tokenCacheSize())
            .expireAfter(new UntilExpiry())
            .build();
  }

  /** Fetches every issuer's keys now, so the first requests need not wait. */
  public CompletionStage<Void> prefetch() {
    return CompletableFuture.allOf(
        issuers.values().stream()
            .map(ic -> ic.keys().refreshIfAllowed())
            .filter(f -> f != null)
            .toArray(CompletableFuture[]::new));
  }

  /** How many key fetches were started for {@code issuer} (metrics, tests). */
  public int fetchCount(String issuer) {
    IssuerContext ic = issuers.get(issuer);
    return ic == null ? 0 : ic.keys().fetchCount();
  }

  @Override
  public AuthAttempt authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return ready(new Rejected("no bearer token", null, 401));
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      return ready(Rejected.invalidToken("token too long"));
    }
    String cacheKey = sha256(token);
    Authenticated hit = validated.getIfPresent(cacheKey);
    if (hit != null) {
      if (!expired(hit.expiresAt())) {
        return ready(hit);
      }
      validated.invalidate(cacheKey);
      return ready(Rejected.invalidToken("token expired"));
    }

    int dot = token.indexOf('.');
    if (dot <= 0) {
      return ready(Rejected.invalidToken("malformed token: not a JWT"));
    }
    Header header;
    try {
      header = Header.parse(new Base64URL(token.substring(0, dot)));
    } catch (ParseException e) {
      return ready(Rejected.invalidToken("malformed token header"));
    }
    switch (header) {
      case PlainHeader p -> {
        return ready(Rejected.invalidToken("unsigned tokens (alg none) are not accepted"));
      }
      case JWEHeader e -> {
        return ready(Rejected.invalidToken("encrypted tokens are not accepted"));
      }
      default -> {}
    }
    JWSHeader jws = (JWSHeader) header;
    if (!algorithms.contains(jws.getAlgorithm())) {
      return ready(
          Rejected.invalidToken(
              "signature algorithm " + jws.getAlgorithm().getName() + " is not accepted"));
    }
    Rejected badType = checkType(jws.getType());
    if (badType != null) {
      return ready(badType);
    }
    if (jws.getCriticalParams() != null && !jws.getCriticalParams().isEmpty()) {
      return ready(Rejected.invalidToken("critical header parameters are not supported"));
    }

    SignedJWT jwt;
    JWTClaimsSet unverified;
    try {
      jwt = SignedJWT.parse(token);
      unverified = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return ready(Rejected.invalidToken("malformed token"));
    }
    // Only selects which keys to try: the claim is checked for real after the signature.
    IssuerContext issuer = issuers.get(unverified.getIssuer());
    if (issuer == null) {
      return ready(Rejected.invalidToken("token issuer is not trusted"));
    }
    return verify(issuer, jwt, cacheKey, true, null);
  }

  private AuthAttempt verify(
      IssuerContext issuer,
      SignedJWT jwt,
      String cacheKey,
      boolean mayFetch,
      IssuerKeys.Snapshot triedWith) {
    IssuerKeys.Snapshot keys = issuer.keys().current();
    if (keys == null) {
      if (mayFetch) {
        CompletableFuture<IssuerKeys.Snapshot> fetch = issuer.keys().refreshIfAllowed();
        if (fetch != null) {
          return later(fetch, issuer, jwt, cacheKey, null);
        }
      }
      return ready(
          Rejected.unavailable(
              "signing keys of issuer "
                  + issuer.settings().issuer()
                  + " are unavailable ("
                  + issuer.keys().lastError()
                  + "); request refused"));
    }
    if (triedWith != null && keys == triedWith) {
      // A refetch was made for this token and changed nothing: the verdict stands.
      return ready(Rejected.invalidToken("token signature is invalid"));
    }

    String kid = jwt.getHeader().getKeyID();
    List<VerificationKey> candidates = IssuerKeys.select(keys, kid);
    if (candidates.isEmpty()) {
      if (mayFetch) {
        CompletableFuture<IssuerKeys.Snapshot> fetch = issuer.keys().refreshIfAllowed();
        if (fetch != null) {
          return later(fetch, issuer, jwt, cacheKey, null);
        }
      }
      return ready(
          Rejected.invalidToken(
              kid == null
                  ? "token has no key id and no key of the issuer fits"
                  : "token signed with an unknown key"));
    }

    byte[] signingInput = jwt.getSigningInput();
    boolean valid = false;
    for (VerificationKey key : candidates) {
      if (key.verify(jwt.getHeader(), signingInput, jwt.getSignature())) {
        valid = true;
        break;
      }
    }
    if (!valid) {
      // The IdP may have replaced a key under the same id; one refetch (within the shared budget)
      // tells. A flood of forged tokens is bounded by that budget like unknown key ids are.
      if (mayFetch) {
        CompletableFuture<IssuerKeys.Snapshot> fetch = issuer.keys().refreshIfAllowed();
        if (fetch != null) {
          return later(fetch, issuer, jwt, cacheKey, keys);
        }
      }
      return ready(Rejected.invalidToken("token signature is invalid"));
    }

    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return ready(Rejected.invalidToken("malformed token claims"));
    }
    AuthResult result = checkClaims(issuer.settings(), claims);
    if (result instanceof Authenticated authenticated) {
      validated.put(cacheKey, authenticated);
    }
    return ready(result);
  }

  private AuthAttempt later(
      CompletableFuture<IssuerKeys.Snapshot> fetch,
      IssuerContext issuer,
      SignedJWT jwt,
      String cacheKey,
      IssuerKeys.Snapshot triedWith) {
    CompletionStage<AuthResult> result =
        fetch
            .thenCompose(ignored -> verify(issuer, jwt, cacheKey, false, triedWith).toStage())
            .exceptionally(
                error ->
                    Rejected.unavailable("token validation failed unexpectedly; request refused"));
    return new AuthAttempt.Pending(result);
  }

  private AuthResult checkClaims(AuthSettings.IssuerSettings issuer, JWTClaimsSet claims) {
    if (!issuer.issuer().equals(claims.getIssuer())) {
      return Rejected.invalidToken("token issuer does not match");
    }
    List<String> audience = claims.getAudience();
    if (audience == null || audience.stream().noneMatch(issuer.audiences()::contains)) {
      return Rejected.invalidToken("token is not issued for this gateway (audience)");
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      return Rejected.invalidToken("token has no expiry");
    }
    if (now.isAfter(exp.toInstant().plus(skew))) {
      return Rejected.invalidToken("token expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
      return Rejected.invalidToken("token not yet valid");
    }
    Date iat = claims.getIssueTime();
    if (iat != null && now.plus(skew).isBefore(iat.toInstant())) {
      return Rejected.invalidToken("token issued in the future");
    }
    Map<String, Object> map = claims.getClaims();
    Identity identity = IdentityMapper.map(issuer, map);
    if (identity == null) {
      return Rejected.invalidToken("token names no subject");
    }
    return new Authenticated(identity, IdentityMapper.scopes(map), exp.toInstant());
  }

  private Rejected checkType(JOSEObjectType type) {
    if (type == null) {
      return allowMissingTyp ? null : Rejected.invalidToken("token has no typ header");
    }
    // Media types compare case-insensitively (RFC 7515, section 4.1.9). Other types (ID tokens
    // marked as such, logout or DPoP proofs, security events) are other kinds of JWT.
    return ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))
        ? null
        : Rejected.invalidToken("token type is not an access token");
  }

  private boolean expired(Instant expiresAt) {
    return expiresAt != null && clock.instant().isAfter(expiresAt.plus(skew));
  }

  private static AuthAttempt ready(AuthResult result) {
    return new AuthAttempt.Ready(result);
  }

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required of every JDK", e);
            }
          });

  /** The cache key: a token's hash, so the cache never holds a usable credential. */
  static String sha256(String token) {
    byte[] digest = SHA256.get().digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  /** Cached until the token's own expiry (plus skew); the hit path re-checks against the clock. */
  private final class UntilExpiry implements Expiry<String, Authenticated> {
    @Override
    public long expireAfterCreate(String key, Authenticated value, long currentTime) {
      Duration left = Duration.between(clock.instant(), value.expiresAt().plus(skew));
      // Bounded so that a token with a far-future expiry cannot overflow the nanosecond count.
      return left.isNegative()
          ? 0
          : left.compareTo(MAX_CACHE_TIME) > 0 ? MAX_CACHE_TIME.toNanos() : left.toNanos();
    }

    @Override
    public long expireAfterUpdate(
        String key, Authenticated value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(
        String key, Authenticated value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
