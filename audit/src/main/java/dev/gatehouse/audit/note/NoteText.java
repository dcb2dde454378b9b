package dev.gatehouse.audit.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** Small strict helpers shared by the note classes. */
final class NoteText {
  private NoteText() {}

  /**
   * Strict standard base64: decodes, then requires that re-encoding gives the same text. Java's
   * decoder ignores the unused low bits of the last character, so without this a flipped bit there
   * would decode to the same bytes and go unnoticed.
   */
  static byte[] base64(String text, String what) throws NoteException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new NoteException(what + " is not valid base64");
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw new NoteException(what + " is not canonical base64");
    }
    return bytes;
  }

  static String decodeUtf8(byte[] bytes) throws NoteException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new NoteException("note is not valid UTF-8");
    }
  }

  /** Key names: non-empty, no Unicode spaces, no '+'. */
  static void checkKeyName(String name) throws NoteException {
    if (name.isEmpty()) {
      throw new NoteException("key name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20) {
        throw new NoteException("key name contains a space, '+' or control character");
      }
    }
  }

  /** key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4], big-endian. */
  static int ed25519KeyId(String name, byte[] rawPublicKey) {
    MessageDigest md = dev.gatehouse.audit.merkle.Hashes.sha256();
    md.update(name.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0x0A);
    md.update((byte) 0x01);
    md.update(rawPublicKey);
    byte[] h = md.digest();
    return ByteBuffer.wrap(Arrays.copyOf(h, 4)).getInt();
  }

  static String hex8(int keyId) {
    return String.format("%08x", keyId);
  }
}
