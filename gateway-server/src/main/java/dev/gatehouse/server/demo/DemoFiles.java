package dev.gatehouse.server.demo;

import dev.gatehouse.audit.note.NoteException;
import dev.gatehouse.audit.note.NoteKeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the demo keeps what outlives one run: the audit log and its signing key. By default {@code
 * gatehouse-demo/} under the working directory, so that a newcomer finds the log next to where they
 * typed the command and can verify it after stopping the demo.
 *
 * @param root the demo directory
 */
public record DemoFiles(Path root) {
  /** The default, relative to the working directory (as config/demo.yaml has it). */
  public static final Path DEFAULT_ROOT = Path.of("gatehouse-demo");

  /** The audit key's name, which is also the origin line of every checkpoint. */
  public static final String AUDIT_KEY_NAME = "gatehouse-demo/audit";

  public Path auditDir() {
    return root.resolve("audit");
  }

  public Path auditPrivateKey() {
    return root.resolve("audit.key");
  }

  /** The key an auditor is given; {@code gatehouse audit verify} needs only this. */
  public Path auditPublicKey() {
    return root.resolve("audit.pub");
  }

  /**
   * Creates the audit signing key on the first run; later runs keep using it, so the log of every
   * run verifies with the same public key. A log left without its key (or its public half) cannot
   * be continued verifiably, so that is refused with a hint rather than papered over with a new
   * key.
   *
   * @return true when a key was generated now
   */
  public boolean ensureAuditKey() {
    try {
      boolean hasPrivate = Files.exists(auditPrivateKey());
      boolean hasPublic = Files.exists(auditPublicKey());
      if (hasPrivate && hasPublic) {
        return false;
      }
      if (hasPrivate || hasPublic || hasRecords()) {
        throw new Unusable(
            root
                + " holds an audit log or key but not both halves of the key ("
                + auditPrivateKey().getFileName()
                + ", "
                + auditPublicKey().getFileName()
                + "); delete "
                + root
                + " to start the demo afresh");
      }
      NoteKeyFiles.generate(AUDIT_KEY_NAME, auditPrivateKey(), auditPublicKey());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo's audit key in " + root, e);
    } catch (NoteException e) {
      throw new IllegalStateException("cannot create the demo's audit key: " + e.getMessage(), e);
    }
  }

  /** The directory cannot be used as it is; the message says what to do. */
  public static final class Unusable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message);
    }
  }

  private boolean hasRecords() throws IOException {
    if (!Files.isDirectory(auditDir())) {
      return false;
    }
    try (Stream<Path> files = Files.list(auditDir())) {
      return files.findAny().isPresent();
    }
  }
}
