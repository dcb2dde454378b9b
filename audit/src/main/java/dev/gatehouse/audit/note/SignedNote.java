package dev.gatehouse.audit.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note (c2sp.org/signed-note): text ending in a newline, a blank line, then one or
 * more lines {@code — <key name> base64(key id || signature)}. Parsing is strict: anything that is
 * not exactly this shape is rejected, so a flipped bit cannot produce a different note that still
 * parses and verifies.
 */
public record SignedNote(String text, List<Sig> signatures) {
  private static final String DASH = "\u2014 ";
  private static final int MAX_SIGNATURES = 100;

  public SignedNote {
    signatures = List.copyOf(signatures);
  }

  /** One signature line. */
  public record Sig(String keyName, int keyId, byte[] signature) {
    public Sig {
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sig s
          && s.keyName.equals(keyName)
          && s.keyId == keyId
          && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
      return keyName.hashCode() * 31 + keyId;
    }

    @Override
    public String toString() {
      return "Sig[" + keyName + "+" + NoteText.hex8(keyId) + "]";
    }
  }

  /** Signs {@code text} (which must end in a newline) with {@code signer}. */
  public static SignedNote sign(String text, NoteSigner signer) throws NoteException {
    checkText(text);
    byte[] sig = signer.sign(text.getBytes(StandardCharsets.UTF_8));
    return new SignedNote(text, List.of(new Sig(signer.name(), signer.keyId(), sig)));
  }

  /** The note as it is written to disk or sent. */
  public String format() {
    StringBuilder sb = new StringBuilder(text).append('\n');
    for (Sig s : signatures) {
      byte[] blob =
          ByteBuffer.allocate(4 + s.signature.length).putInt(s.keyId).put(s.signature).array();
      sb.append(DASH)
          .append(s.keyName)
          .append(' ')
          .append(Base64.getEncoder().encodeToString(blob))
          .append('\n');
    }
    return sb.toString();
  }

  public static SignedNote parse(byte[] bytes) throws NoteException {
    return parse(NoteText.decodeUtf8(bytes));
  }

  public static SignedNote parse(String note) throws NoteException {
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new NoteException("note contains a control character");
      }
    }
    if (!note.endsWith("\n")) {
      throw new NoteException("note does not end with a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteException("note has no blank line before its signatures");
    }
    String text = note.substring(0, split + 1);
    String sigBlock = note.substring(split + 2);
    List<Sig> sigs = new ArrayList<>();
    String[] lines = sigBlock.split("\n", -1);
    // The note ends in a newline, so the last element is the empty tail; no other may be empty.
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      if (!line.startsWith(DASH)) {
        throw new NoteException("signature line does not start with an em dash and a space");
      }
      String rest = line.substring(DASH.length());
      int space = rest.indexOf(' ');
      if (space < 0 || rest.indexOf(' ', space + 1) >= 0) {
        throw new NoteException("signature line must be '— name signature'");
      }
      String name = rest.substring(0, space);
      NoteText.checkKeyName(name);
      byte[] blob = NoteText.base64(rest.substring(space + 1), "signature");
      if (blob.length < 5) {
        throw new NoteException("signature is too short");
      }
      int keyId = ByteBuffer.wrap(blob, 0, 4).getInt();
      sigs.add(new Sig(name, keyId, Arrays.copyOfRange(blob, 4, blob.length)));
      if (sigs.size() > MAX_SIGNATURES) {
        throw new NoteException("note has too many signatures");
      }
    }
    if (sigs.isEmpty()) {
      throw new NoteException("note has no signatures");
    }
    return new SignedNote(text, sigs);
  }

  /**
   * Verifies the note with {@code verifier} as the spec requires: signatures by unknown keys are
   * ignored, a known key's signature must verify, and at least one must.
   *
   * @return the verified text
   */
  public String verify(NoteVerifier verifier) throws NoteException {
    boolean verified = false;
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    for (Sig s : signatures) {
      if (!s.keyName.equals(verifier.name()) || s.keyId != verifier.keyId()) {
        continue;
      }
      if (!verifier.verify(message, s.signature)) {
        throw new NoteException("signature by " + verifier.name() + " does not verify");
      }
      verified = true;
    }
    if (!verified) {
      throw new NoteException("note is not signed by " + verifier.name() + " (" + describe() + ")");
    }
    return text;
  }

  private String describe() {
    List<String> who = new ArrayList<>();
    for (Sig s : signatures) {
      who.add(s.keyName + "+" + NoteText.hex8(s.keyId));
    }
    return "signed by " + String.join(", ", who);
  }

  private static void checkText(String text) throws NoteException {
    if (!text.endsWith("\n") || text.contains("\n\n") || text.startsWith("\n")) {
      throw new NoteException("note text must be non-empty lines each ending in a newline");
    }
  }
}
