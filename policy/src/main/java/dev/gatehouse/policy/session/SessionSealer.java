package dev.gatehouse.policy.session;

import dev.gatehouse.core.Identity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binds upstream MCP session ids to the identity that created them, with no shared state: the id a
 * client sees is the upstream id encrypted (AES-256-GCM) under a gateway key, with the identity's
 * issuer and subject and the connection as associated data. Another identity, another connection, a
 * changed byte or a foreign key all fail the authentication tag, so only the creator gets the
 * upstream id back; any replica holding the key can open it.
 *
 * <p>Format: base64url without padding of {@code version(1) || keyId(4) || nonce(12) ||
 * ciphertext+tag}: visible ASCII only, as MCP requires of session ids. The key id (a hash prefix of
 * the key) lets a replica still open ids sealed under the previous key during a key rotation.
 *
 * <p>Random 96-bit nonces are safe for far more sessions than one key will see (NIST SP 800-38D
 * bounds random nonces at 2^32 encryptions per key).
 */
public final class SessionSealer {
  public static final int KEY_BYTES = 32;
  private static final byte VERSION = 1;
  private static final int KEY_ID_BYTES = 4;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /** Longer client-supplied ids are refused before any decoding. */
  static final int MAX_CLIENT_ID_CHARS = 2048;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<Key> keys;

  private record Key(SecretKeySpec spec, byte[] id) {}

  /**
   * @param current the key new ids are sealed with (32 bytes)
   * @param previous keys still accepted for opening (rotation), may be empty
   */
  public SessionSealer(byte[] current, List<byte[]> previous) {
    List<Key> all = new ArrayList<>();
    all.add(key(current));
    for (byte[] k : previous) {
      all.add(key(k));
    }
    this.keys = List.copyOf(all);
  }

  public SessionSealer(byte[] key) {
    this(key, List.of());
  }

  /** A sealer with a random key: sessions then live only as long as this process. */
  public static SessionSealer withRandomKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return new SessionSealer(key);
  }

  /**
   * The client-visible id for {@code upstreamId}, bound to {@code identity} and {@code connection}.
   */
  public String seal(String upstreamId, Identity identity, String connection) {
    Key key = keys.get(0);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] header =
        ByteBuffer.allocate(1 + KEY_ID_BYTES + NONCE_BYTES)
            .put(VERSION)
            .put(key.id())
            .put(nonce)
            .array();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(identity, connection));
      byte[] sealed = cipher.doFinal(upstreamId.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(header, header.length + sealed.length);
      System.arraycopy(sealed, 0, out, header.length, sealed.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required of every JDK", e);
    }
  }

  /**
   * The upstream id inside {@code clientId}, or empty when it was not sealed by this gateway for
   * this identity and connection (or was altered). The cases are deliberately indistinguishable.
   */
  public Optional<String> open(String clientId, Identity identity, String connection) {
    if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_CHARS) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(clientId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int headerLength = 1 + KEY_ID_BYTES + NONCE_BYTES;
    if (raw.length < headerLength + TAG_BITS / 8 || raw[0] != VERSION) {
      return Optional.empty();
    }
    byte[] keyId = Arrays.copyOfRange(raw, 1, 1 + KEY_ID_BYTES);
    for (Key key : keys) {
      if (!MessageDigest.isEqual(key.id(), keyId)) {
        continue;
      }
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
            Cipher.DECRYPT_MODE,
            key.spec(),
            new GCMParameterSpec(TAG_BITS, raw, 1 + KEY_ID_BYTES, NONCE_BYTES));
        cipher.updateAAD(aad(identity, connection));
        byte[] plain = cipher.doFinal(raw, headerLength, raw.length - headerLength);
        return Optional.of(new String(plain, StandardCharsets.UTF_8));
      } catch (GeneralSecurityException e) {
        // Wrong identity, wrong connection or tampered: try no further, say nothing more.
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Associated data: length-prefixed fields, so that no two different (issuer, subject, connection)
   * triples can produce the same bytes.
   */
  private static byte[] aad(Identity identity, String connection) {
    byte[][] fields = {
      "gatehouse-session-v1".getBytes(StandardCharsets.UTF_8),
      nullToEmpty(identity.issuer()).getBytes(StandardCharsets.UTF_8),
      identity.subject().getBytes(StandardCharsets.UTF_8),
      nullToEmpty(connection).getBytes(StandardCharsets.UTF_8)
    };
    int length = 0;
    for (byte[] f : fields) {
      length += 4 + f.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    for (byte[] f : fields) {
      buffer.putInt(f.length).put(f);
    }
    return buffer.array();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Key key(byte[] bytes) {
    if (bytes == null || bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException("a session key must be exactly 32 bytes");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Key(new SecretKeySpec(bytes.clone(), "AES"), Arrays.copyOf(digest, KEY_ID_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
