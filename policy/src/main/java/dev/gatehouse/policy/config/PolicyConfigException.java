package dev.gatehouse.policy.config;

/**
 * A configuration error in a policy section, naming the offending key as a JSON pointer (e.g.
 * {@code /auth/issuers/0/issuer}). The server maps it to its own config error type, adding the YAML
 * line.
 */
public final class PolicyConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String pointer;
  private final String detail;

  public PolicyConfigException(String pointer, String message) {
    super("config key " + pointer + ": " + message);
    this.pointer = pointer;
    this.detail = message;
  }

  /** The JSON pointer of the key at fault. */
  public String pointer() {
    return pointer;
  }

  /** The message without the pointer prefix. */
  public String detail() {
    return detail;
  }
}
