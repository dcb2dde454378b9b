package dev.gatehouse.policy.auth;

/**
 * Checks a bearer credential. Implementations answer synchronously whenever they can and never
 * block the calling thread.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * @param bearer the credential from {@code Authorization: Bearer}, without the scheme
   */
  AuthAttempt authenticate(String bearer);
}
