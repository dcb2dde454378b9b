package dev.gatehouse.policy.tokens;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The service-token text: {@code gh_svc_<id>_<secret>}. The fixed prefix lets secret scanners and
 * our own masking recognise a leaked token; the id makes lookup O(1) without storing anything
 * derived from the secret except its hash; the secret is 43 base62 characters (256 bits).
 */
public final class TokenFormat {
  public static final String PREFIX = "gh_svc_";
  static final int ID_CHARS = 12;
  static final int SECRET_CHARS = 43;

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenFormat() {}

  /** True when {@code bearer} has the service-token shape (it may still be unknown). */
  public static boolean looksLikeServiceToken(String bearer) {
    return bearer != null && bearer.startsWith(PREFIX);
  }

  static String newId() {
    return randomBase62(ID_CHARS);
  }

  static String newToken(String id) {
    return PREFIX + id + "_" + randomBase62(SECRET_CHARS);
  }

  /** The id inside a well-formed token, or {@code null}. */
  static String idOf(String token) {
    if (!looksLikeServiceToken(token)
        || token.length() != PREFIX.length() + ID_CHARS + 1 + SECRET_CHARS
        || token.charAt(PREFIX.length() + ID_CHARS) != '_') {
      return null;
    }
    for (int i = PREFIX.length(); i < token.length(); i++) {
      char c = token.charAt(i);
      if (c != '_' && !isBase62(c)) {
        return null;
      }
    }
    return token.substring(PREFIX.length(), PREFIX.length() + ID_CHARS);
  }

  /** The stored form: {@code sha256:<hex>} of the whole token. */
  static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * Constant-time comparison, so response timing tells nothing about how much of a hash matched.
   */
  static boolean hashMatches(String token, String storedHash) {
    return MessageDigest.isEqual(
        hash(token).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        storedHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static String randomBase62(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      // nextInt(bound) is unbiased (rejection sampling), so every character carries log2(62) bits.
      out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
    }
    return new String(out);
  }
}
