package dev.gatehouse.masking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 under the gateway's masking key, for the {@code hash} action: the same value gives
 * the same tag under one key (so an analyst can see that two results name the same customer), and
 * nobody without the key can confirm a guess. The rule name is part of the input so that equal
 * strings found by different rules do not share a tag.
 */
final class Hasher {
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  Hasher(byte[] key) {
    this.key = key == null ? null : new SecretKeySpec(key.clone(), "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(this.key);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
              }
            });
  }

  boolean hasKey() {
    return key != null;
  }

  String hex(String ruleName, String normalized, int length) {
    if (key == null) {
      // Rules are validated at load time; reaching here is a bug, and we fail closed.
      throw new IllegalStateException("hash action without a masking key");
    }
    Mac mac = macs.get();
    mac.update(ruleName.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    byte[] tag = mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(tag).substring(0, length);
  }
}
