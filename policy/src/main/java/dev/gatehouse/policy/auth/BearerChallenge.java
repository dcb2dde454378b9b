package dev.gatehouse.policy.auth;

/** Builds {@code WWW-Authenticate: Bearer …} values (RFC 6750 section 3, RFC 9728 section 5.1). */
public final class BearerChallenge {
  private BearerChallenge() {}

  /**
   * @param resourceMetadata the protected resource metadata URL (always present, so that MCP
   *     clients can discover where to log in)
   * @param error an RFC 6750 error code, or {@code null}
   * @param description a human-readable description, or {@code null}
   * @param scope space-separated scopes needed, or {@code null}
   */
  public static String header(
      String resourceMetadata, String error, String description, String scope) {
    StringBuilder sb = new StringBuilder("Bearer resource_metadata=\"");
    sb.append(quotable(resourceMetadata)).append('"');
    if (error != null) {
      sb.append(", error=\"").append(quotable(error)).append('"');
    }
    if (description != null) {
      sb.append(", error_description=\"").append(quotable(description)).append('"');
    }
    if (scope != null) {
      sb.append(", scope=\"").append(quotable(scope)).append('"');
    }
    return sb.toString();
  }

  /**
   * RFC 6750 allows only %x20-21 / %x23-5B / %x5D-7E inside these quoted strings: no quote, no
   * backslash, no control characters, so nothing can break out of the header value.
   */
  static String quotable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      sb.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '?');
    }
    return sb.toString();
  }
}
