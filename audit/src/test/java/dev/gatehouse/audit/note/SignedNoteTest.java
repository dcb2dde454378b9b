package dev.gatehouse.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedNoteTest {
  /** The example from c2sp.org/signed-note, byte for byte. The spec does not publish its key. */
  static final String SPEC_NOTE =
      "Ognuno sta solo sul cuor della terra\n"
          + "trafitto da un raggio di sole:\n"
          + "\n"
          + "ed è subito sera.\n"
          + "\n"
          + "— quasimodo.example/salvatore"
          + " NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";

  /**
   * The signed-note reference vector with a published key pair (golang.org/x/mod/sumdb/note, the
   * implementation the C2SP spec was written from). Ed25519 is deterministic, so signing must
   * reproduce the note exactly.
   */
  static final String GO_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

  static final String GO_SKEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String GO_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  static final String GO_NOTE =
      GO_TEXT
          + "\n— PeterNeumann"
          + " x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  @Test
  void specExampleParsesWithTheLastBlankLineAsSeparator() throws NoteException {
    SignedNote note = SignedNote.parse(SPEC_NOTE.getBytes(StandardCharsets.UTF_8));
    assertThat(note.text())
        .isEqualTo(
            "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\n"
                + "ed è subito sera.\n");
    assertThat(note.signatures()).hasSize(1);
    SignedNote.Sig sig = note.signatures().get(0);
    assertThat(sig.keyName()).isEqualTo("quasimodo.example/salvatore");
    assertThat(sig.signature()).hasSize(64);
    assertThat(note.format()).isEqualTo(SPEC_NOTE);
  }

  @Test
  void specExampleIsRejectedByAnUnrelatedKey() throws NoteException {
    SignedNote note = SignedNote.parse(SPEC_NOTE);
    NoteVerifier ours = NoteSigner.generate("quasimodo.example/salvatore").verifier();
    // Same name, different key id: the spec says such a signature is ignored, leaving none.
    assertThatThrownBy(() -> note.verify(ours)).hasMessageContaining("not signed by");
  }

  @Test
  void referenceVectorVerifiesAndSigningReproducesIt() throws NoteException {
    NoteVerifier verifier = NoteVerifier.parse(GO_VKEY);
    NoteSigner signer = NoteSigner.parse(GO_SKEY);
    assertThat(verifier.keyId()).isEqualTo(0xc74f20a3);
    assertThat(signer.keyId()).isEqualTo(verifier.keyId());
    assertThat(verifier.vkey()).isEqualTo(GO_VKEY);
    assertThat(signer.skey()).isEqualTo(GO_SKEY);

    assertThat(SignedNote.parse(GO_NOTE).verify(verifier)).isEqualTo(GO_TEXT);
    assertThat(SignedNote.sign(GO_TEXT, signer).format()).isEqualTo(GO_NOTE);

    SignedNote altered = SignedNote.parse(GO_NOTE.replace("cryptography", "cryptographY"));
    assertThatThrownBy(() -> altered.verify(verifier)).hasMessageContaining("does not verify");
  }

  @Test
  void verifierKeyIdMustMatch() {
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .isInstanceOf(NoteException.class);
  }

  @Test
  void tlogCheckpointExampleBodyParses() throws NoteException {
    Checkpoint cp =
        Checkpoint.parse(
            "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
    assertThat(cp.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(cp.size()).isEqualTo(20852163L);
    assertThat(cp.root()).hasSize(32);
    assertThatThrownBy(
            () -> Checkpoint.parse("o\n012\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"))
        .hasMessageContaining("leading zeros");
  }

  @Test
  void everySingleBitFlipOfASignedCheckpointIsRejected() throws NoteException {
    NoteSigner.KeyPair keys = NoteSigner.generate("audit.example/log");
    Checkpoint cp = new Checkpoint("audit.example/log", 42, new byte[32]);
    byte[] bytes =
        SignedNote.sign(cp.text(), keys.signer()).format().getBytes(StandardCharsets.UTF_8);
    int accepted = 0;
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] copy = bytes.clone();
      copy[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        SignedNote note = SignedNote.parse(copy);
        Checkpoint.parse(note.verify(keys.verifier()));
        accepted++;
      } catch (NoteException expected) {
        // rejected, as it must be
      }
    }
    assertThat(accepted).isZero();
  }

  @Test
  void keyFilesRoundTripAndThePrivateKeyIsOwnerOnly(@TempDir Path dir) throws Exception {
    Path priv = dir.resolve("audit.key");
    Path pub = dir.resolve("audit.pub");
    NoteSigner.KeyPair pair = NoteKeyFiles.generate("gatehouse.example/audit", priv, pub);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)))
        .isEqualTo("rw-------");
    NoteSigner signer = NoteKeyFiles.readSigner(priv);
    NoteVerifier verifier = NoteKeyFiles.readVerifier(pub);
    assertThat(verifier.vkey()).isEqualTo(pair.verifier().vkey());
    assertThat(SignedNote.sign("hello\n", signer).verify(verifier)).isEqualTo("hello\n");
    assertThatThrownBy(() -> NoteKeyFiles.generate("x", priv, pub))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
  }
}
