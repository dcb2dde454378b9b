package dev.gatehouse.policy.session;

import dev.gatehouse.policy.auth.AuthSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Reads the 32-byte session key from where the config says: an environment variable or a file
 * holding it as base64 (standard or URL alphabet) or 64 hex digits, or a file of exactly 32 raw
 * bytes. Generate one with {@code openssl rand -base64 32}.
 */
public final class SessionKeys {
  private SessionKeys() {}

  /**
   * @param source the configured source
   * @param env environment lookup ({@code System::getenv} outside tests)
   * @throws IllegalArgumentException when the key is missing or not 32 bytes (message names where
   *     it was looked for, never the value)
   */
  public static byte[] resolve(AuthSettings.SecretSource source, Function<String, String> env) {
    if (source.fromEnv() != null) {
      String value = env.apply(source.fromEnv());
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            "environment variable " + source.fromEnv() + " (session key) is not set");
      }
      return decode(value, "environment variable " + source.fromEnv());
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(source.fromFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read session key file " + source.fromFile(), e);
    }
    if (bytes.length == SessionSealer.KEY_BYTES) {
      return bytes;
    }
    return decode(new String(bytes, StandardCharsets.US_ASCII), "file " + source.fromFile());
  }

  static byte[] decode(String text, String where) {
    String t = text.strip();
    byte[] key = null;
    if (t.length() == 64 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      key = HexFormat.of().parseHex(t);
    } else {
      try {
        key =
            t.indexOf('-') >= 0 || t.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(t)
                : Base64.getDecoder().decode(t);
      } catch (IllegalArgumentException e) {
        key = null;
      }
    }
    if (key == null || key.length != SessionSealer.KEY_BYTES) {
      throw new IllegalArgumentException(
          "session key in "
              + where
              + " must be 32 bytes as base64 or hex (e.g. openssl rand -base64 32)");
    }
    return key;
  }
}
