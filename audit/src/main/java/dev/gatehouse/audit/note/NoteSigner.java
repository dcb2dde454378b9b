package dev.gatehouse.audit.note;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 signed-note signer. Its text form is {@code PRIVATE+KEY+<name>+<key id>+<base64(0x01
 * || 32-byte seed)>} (the reference implementation's format); the key id travels with it, so
 * signing never needs the public key.
 */
public final class NoteSigner {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final String name;
  private final int keyId;
  private final PrivateKey privateKey;
  private final byte[] seed;

  private NoteSigner(String name, int keyId, byte[] seed) throws NoteException {
    NoteText.checkKeyName(name);
    this.name = name;
    this.keyId = keyId;
    this.seed = seed.clone();
    try {
      this.privateKey = Ed25519Keys.privateKey(seed);
    } catch (GeneralSecurityException e) {
      throw new NoteException("invalid Ed25519 private key", e);
    }
  }

  /** A fresh key pair for {@code name} from the JDK's Ed25519 provider. */
  public static KeyPair generate(String name) throws NoteException {
    try {
      java.security.KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] pub = Ed25519Keys.rawPublic(kp.getPublic());
      NoteVerifier verifier = NoteVerifier.of(name, pub);
      NoteSigner signer =
          new NoteSigner(name, verifier.keyId(), Ed25519Keys.rawSeed(kp.getPrivate()));
      return new KeyPair(signer, verifier);
    } catch (GeneralSecurityException e) {
      throw new NoteException("cannot generate an Ed25519 key", e);
    }
  }

  /** A matched signer and verifier. */
  public record KeyPair(NoteSigner signer, NoteVerifier verifier) {}

  public static NoteSigner parse(String skey) throws NoteException {
    String text = skey.strip();
    if (!text.startsWith(PREFIX)) {
      throw new NoteException("private key must start with PRIVATE+KEY+");
    }
    String[] parts = text.substring(PREFIX.length()).split("\\+", 3);
    if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
      throw new NoteException("private key must be PRIVATE+KEY+name+keyid+base64key");
    }
    byte[] typed = NoteText.base64(parts[2], "private key");
    if (typed.length != 33 || typed[0] != 0x01) {
      throw new NoteException("private key is not an Ed25519 (type 0x01) key");
    }
    return new NoteSigner(
        parts[0],
        Integer.parseUnsignedInt(parts[1], 16),
        Arrays.copyOfRange(typed, 1, typed.length));
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** The private key text; handle like a password. */
  public String skey() {
    return PREFIX
        + name
        + "+"
        + NoteText.hex8(keyId)
        + "+"
        + Base64.getEncoder().encodeToString(Ed25519Keys.concat(new byte[] {0x01}, seed));
  }

  public byte[] sign(byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  @Override
  public String toString() {
    return "NoteSigner[" + name + "+" + NoteText.hex8(keyId) + "]";
  }
}
