package dev.gatehouse.server;

/**
 * A JVM system property the gateway reads at start ({@code -Dgatehouse.*}) has a value it cannot
 * use. Thrown before anything opens or binds; the CLI reports it as an operator's error (its
 * message, exit code 2), not as a bug.
 */
public final class StartupOptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartupOptionException(String message) {
    super(message);
  }
}
