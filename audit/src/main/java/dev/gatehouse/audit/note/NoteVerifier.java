package dev.gatehouse.audit.note;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * An Ed25519 signed-note verifier key. Its text form ("vkey") is {@code <name>+<key id as 8 hex
 * digits>+<base64(0x01 || 32-byte public key)>}, the format of the reference implementation
 * (golang.org/x/mod/sumdb/note), so other tools accept our keys.
 */
public final class NoteVerifier {
  private final String name;
  private final int keyId;
  private final byte[] rawPublicKey;
  private final PublicKey publicKey;

  /**
   * Signatures this verifier already accepted, keyed by SHA-256(message) and the signature: the
   * JDK's Ed25519 costs about a millisecond per check, and a verifier re-reads the same checkpoints
   * many times (verify, then prove; every start-up). A hit needs the same message digest and
   * signature bytes, so it is exactly as strong as verifying again. Failures are not cached.
   */
  private final java.util.Map<String, Boolean> accepted =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> e) {
              return size() > 4096;
            }
          });

  private NoteVerifier(String name, byte[] rawPublicKey) throws NoteException {
    NoteText.checkKeyName(name);
    this.name = name;
    this.rawPublicKey = rawPublicKey.clone();
    this.keyId = NoteText.ed25519KeyId(name, rawPublicKey);
    try {
      this.publicKey = Ed25519Keys.publicKey(rawPublicKey);
    } catch (GeneralSecurityException e) {
      throw new NoteException("invalid Ed25519 public key", e);
    }
  }

  public static NoteVerifier of(String name, byte[] rawPublicKey) throws NoteException {
    return new NoteVerifier(name, rawPublicKey);
  }

  /** Parses a vkey; the key id in it must match the one computed from name and key. */
  public static NoteVerifier parse(String vkey) throws NoteException {
    String[] parts = vkey.strip().split("\\+", 3);
    if (parts.length != 3) {
      throw new NoteException("verifier key must be name+keyid+base64key");
    }
    byte[] typed = NoteText.base64(parts[2], "verifier key");
    if (typed.length != 33 || typed[0] != 0x01) {
      throw new NoteException("verifier key is not an Ed25519 (type 0x01) key");
    }
    NoteVerifier v = new NoteVerifier(parts[0], Arrays.copyOfRange(typed, 1, typed.length));
    if (!parts[1].equals(NoteText.hex8(v.keyId))) {
      throw new NoteException("verifier key id does not match its name and key");
    }
    return v;
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  public String vkey() {
    return name
        + "+"
        + NoteText.hex8(keyId)
        + "+"
        + java.util.Base64.getEncoder()
            .encodeToString(Ed25519Keys.concat(new byte[] {0x01}, rawPublicKey));
  }

  public boolean verify(byte[] message, byte[] signature) {
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    String memo =
        b64.encodeToString(dev.gatehouse.audit.merkle.Hashes.sha256().digest(message))
            + b64.encodeToString(signature);
    if (accepted.containsKey(memo)) {
      return true;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey);
      s.update(message);
      boolean ok = s.verify(signature);
      if (ok) {
        accepted.put(memo, Boolean.TRUE);
      }
      return ok;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Verifies {@code note} with this key; returns its text. */
  public String verifyNote(SignedNote note) throws NoteException {
    return note.verify(this);
  }

  @Override
  public String toString() {
    return vkey();
  }
}
