package dev.gatehouse.audit.note;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Converts between raw 32-byte Ed25519 keys (RFC 8032 encodings, as signed notes use them) and the
 * JDK's key objects. The DER wrappers are fixed prefixes (RFC 8410), so no ASN.1 parser is needed.
 */
final class Ed25519Keys {
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final byte[] PKCS8_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b657004220420");

  private Ed25519Keys() {}

  static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    if (raw.length != 32) {
      throw new GeneralSecurityException("Ed25519 public key must be 32 bytes");
    }
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
  }

  static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
    if (seed.length != 32) {
      throw new GeneralSecurityException("Ed25519 private key seed must be 32 bytes");
    }
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
  }

  static byte[] rawPublic(PublicKey key) {
    byte[] der = key.getEncoded();
    if (der.length != SPKI_PREFIX.length + 32
        || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
  }

  static byte[] rawSeed(PrivateKey key) {
    byte[] der = key.getEncoded();
    if (der.length != PKCS8_PREFIX.length + 32
        || !Arrays.equals(der, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 private key in plain PKCS#8 form");
    }
    return Arrays.copyOfRange(der, PKCS8_PREFIX.length, der.length);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
