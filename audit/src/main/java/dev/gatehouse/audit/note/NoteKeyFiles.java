package dev.gatehouse.audit.note;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The audit signing key on disk: the private key file holds the {@link NoteSigner#skey()} text and
 * is created with mode 0600 (never widened afterwards); the public key file holds the {@link
 * NoteVerifier#vkey()} line that auditors are given.
 */
public final class NoteKeyFiles {
  private NoteKeyFiles() {}

  /**
   * Generates a key pair named {@code name} and writes both files. Refuses to overwrite an existing
   * private key: losing it would orphan every checkpoint signed with it.
   */
  public static NoteSigner.KeyPair generate(String name, Path privateKey, Path publicKey)
      throws IOException, NoteException {
    NoteSigner.KeyPair pair = NoteSigner.generate(name);
    Path parent = privateKey.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (Files.exists(privateKey)) {
      throw new FileAlreadyExistsException(privateKey.toString(), null, "private key exists");
    }
    byte[] secret = (pair.signer().skey() + "\n").getBytes(StandardCharsets.UTF_8);
    if (privateKey.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
      FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(owner);
      // Created with 0600 from the start, so the key is never readable by others, not even briefly.
      Files.createFile(privateKey, attr);
      Files.setPosixFilePermissions(privateKey, owner); // the umask may have narrowed it further
    } else {
      Files.createFile(privateKey);
    }
    Files.write(privateKey, secret, StandardOpenOption.TRUNCATE_EXISTING);
    Files.writeString(publicKey, pair.verifier().vkey() + "\n", StandardCharsets.UTF_8);
    return pair;
  }

  public static NoteSigner readSigner(Path privateKey) throws IOException, NoteException {
    return NoteSigner.parse(Files.readString(privateKey, StandardCharsets.UTF_8));
  }

  public static NoteVerifier readVerifier(Path publicKey) throws IOException, NoteException {
    return NoteVerifier.parse(Files.readString(publicKey, StandardCharsets.UTF_8));
  }
}
