package dev.gatehouse.policy.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The result of {@link Authenticator#authenticate}: known now (the common, cheap path: cached token
 * or cached keys), or only after the identity provider's keys have been fetched. The caller is an
 * event loop, so it never waits on {@link Pending}; it hands the stage to the chain runner.
 */
public sealed interface AuthAttempt {

  record Ready(AuthResult result) implements AuthAttempt {}

  /** Completes (on an HTTP client thread) with the result; never completes exceptionally. */
  record Pending(CompletionStage<AuthResult> result) implements AuthAttempt {}

  /** The result as a stage, for callers that do not care which path was taken. */
  default CompletionStage<AuthResult> toStage() {
    return switch (this) {
      case Ready ready -> CompletableFuture.completedFuture(ready.result());
      case Pending pending -> pending.result();
    };
  }
}
