package dev.gatehouse.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 (section 2.1) hashing with domain separation: a leaf is SHA-256(0x00 || data), an inner
 * node SHA-256(0x01 || left || right), so a leaf can never be passed off as a node.
 */
public final class Hashes {
  public static final int SIZE = 32;

  /**
   * One digest per thread for {@link #leaf} and {@link #node}: {@code getInstance} looks the
   * provider up on every call, and the writer hashes every record and tree node; {@code digest()}
   * resets it.
   */
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Hashes::sha256);

  private Hashes() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships SHA-256", e);
    }
  }

  /** The root of the empty tree: SHA-256 of nothing. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  public static byte[] leaf(byte[] data) {
    return leaf(data, 0, data.length);
  }

  public static byte[] leaf(byte[] data, int offset, int length) {
    MessageDigest md = DIGEST.get();
    md.update((byte) 0x00);
    md.update(data, offset, length);
    return md.digest();
  }

  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest md = DIGEST.get();
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }
}
