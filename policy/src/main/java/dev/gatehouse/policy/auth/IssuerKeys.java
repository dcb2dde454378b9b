package dev.gatehouse.policy.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One issuer's signing keys and when to fetch them again.
 *
 * <ul>
 *   <li>Keys are served from memory; the hot path is a volatile read.
 *   <li>Stale keys (older than the refresh interval) are still served while a background fetch
 *       runs, and kept when that fetch fails: a short IdP outage must not stop the gateway.
 *   <li>Every fetch, whatever triggers it (unknown {@code kid}, a failed signature, a retry after a
 *       failure, the background refresh), goes through one budget: at most one per {@code
 *       minRefetchInterval}. Concurrent triggers share the fetch in flight. So a flood of tokens
 *       with bogus key ids costs the IdP at most one request per interval.
 * </ul>
 *
 * <p>A dedicated class rather than a Caffeine loading cache: the cache would retry a failed first
 * load on every lookup (hammering a down IdP) and has no notion of a shared fetch budget; this
 * state machine is small enough to read whole.
 */
final class IssuerKeys {

  /** The keys of one successful fetch, with a verifier ready for each usable key. */
  record Snapshot(List<VerificationKey> keys, Instant fetchedAt) {}

  private final Supplier<CompletableFuture<JWKSet>> fetcher;
  private final Clock clock;
  private final Duration refreshInterval;
  private final Duration minRefetchInterval;
  private final AtomicInteger fetches = new AtomicInteger();

  private volatile Snapshot snapshot;
  private volatile String lastError = "keys not fetched yet";

  // Guarded by this.
  private CompletableFuture<Snapshot> inFlight;
  private Instant lastAttempt;

  IssuerKeys(
      Supplier<CompletableFuture<JWKSet>> fetcher,
      Clock clock,
      Duration refreshInterval,
      Duration minRefetchInterval) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.refreshInterval = refreshInterval;
    this.minRefetchInterval = minRefetchInterval;
  }

  /**
   * The keys in hand, or {@code null} when none was ever fetched. Starts a background refresh when
   * they are stale (within the fetch budget).
   */
  Snapshot current() {
    Snapshot s = snapshot;
    if (s != null && s.fetchedAt().plus(refreshInterval).isBefore(clock.instant())) {
      refreshIfAllowed();
    }
    return s;
  }

  /**
   * Starts a fetch unless one is in flight (then that one is returned) or the budget is spent (then
   * {@code null}). The returned future completes with the snapshot in force afterwards (the old one
   * when the fetch failed, possibly {@code null}); it never completes exceptionally.
   */
  synchronized CompletableFuture<Snapshot> refreshIfAllowed() {
    if (inFlight != null) {
      return inFlight;
    }
    Instant now = clock.instant();
    if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefetchInterval))) {
      return null;
    }
    lastAttempt = now;
    fetches.incrementAndGet();
    CompletableFuture<Snapshot> started = new CompletableFuture<>();
    inFlight = started;
    CompletableFuture<JWKSet> fetch;
    try {
      fetch = fetcher.get();
    } catch (RuntimeException e) {
      fetch = CompletableFuture.failedFuture(e);
    }
    fetch.whenComplete(
        (set, error) -> {
          if (error == null) {
            snapshot = new Snapshot(usable(set), clock.instant());
            lastError = null;
          } else {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            lastError = describe(cause);
          }
          synchronized (this) {
            inFlight = null;
          }
          started.complete(snapshot);
        });
    return started;
  }

  /** Why the last fetch failed, or {@code null} when it succeeded. */
  String lastError() {
    return lastError;
  }

  /** How many fetches were started (for tests and metrics). */
  int fetchCount() {
    return fetches.get();
  }

  private static List<VerificationKey> usable(JWKSet set) {
    return set.getKeys().stream()
        .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
        .map(VerificationKey::of)
        .filter(k -> k != null)
        .toList();
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "unknown error";
    }
    String type = cause.getClass().getSimpleName();
    String message = cause.getMessage();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  /** Exposed for the key-selection code: the key with this id, or all keys when id is null. */
  static List<VerificationKey> select(Snapshot snapshot, String kid) {
    if (kid == null) {
      return snapshot.keys();
    }
    return snapshot.keys().stream().filter(k -> kid.equals(k.jwk().getKeyID())).toList();
  }
}
