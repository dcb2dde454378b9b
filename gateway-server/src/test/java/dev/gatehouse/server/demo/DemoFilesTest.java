package dev.gatehouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.audit.note.NoteKeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoFilesTest {

  @Test
  void theAuditKeyIsMadeOnTheFirstRunAndKeptAfterwards(@TempDir Path dir) throws Exception {
    DemoFiles files = new DemoFiles(dir.resolve("gatehouse-demo"));

    assertThat(files.ensureAuditKey()).isTrue();
    String publicKey = Files.readString(files.auditPublicKey());
    assertThat(files.ensureAuditKey()).isFalse();

    assertThat(Files.readString(files.auditPublicKey())).isEqualTo(publicKey);
    assertThat(publicKey).startsWith(DemoFiles.AUDIT_KEY_NAME + "+");
    assertThat(NoteKeyFiles.readSigner(files.auditPrivateKey()).name())
        .isEqualTo(DemoFiles.AUDIT_KEY_NAME);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(files.auditPrivateKey())))
        .isEqualTo("rw-------");
  }

  @Test
  void aLogWhoseKeyIsGoneIsNotContinuedWithANewKey(@TempDir Path dir) throws Exception {
    DemoFiles files = new DemoFiles(dir);
    Files.createDirectories(files.auditDir());
    Files.writeString(files.auditDir().resolve("segment-000001.log"), "{}\n");

    assertThatThrownBy(files::ensureAuditKey)
        .isInstanceOf(DemoFiles.Unusable.class)
        .hasMessageContaining("delete " + dir);
    assertThat(files.auditPrivateKey()).doesNotExist();
  }

  @Test
  void halfAKeyIsRefused(@TempDir Path dir) throws Exception {
    DemoFiles files = new DemoFiles(dir);
    files.ensureAuditKey();
    Files.delete(files.auditPublicKey());

    assertThatThrownBy(files::ensureAuditKey).isInstanceOf(DemoFiles.Unusable.class);
  }
}
