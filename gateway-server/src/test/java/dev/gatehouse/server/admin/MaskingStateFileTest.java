package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.features.MaskingStateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved-rules file: written in two steps, atomically, and only the committed step counts. */
class MaskingStateFileTest {
  @TempDir Path dir;

  private static ObjectNode rules(String detector) {
    ObjectNode masking = JsonNodeFactory.instance.objectNode();
    masking.putArray("detectors").add(detector);
    return masking;
  }

  private long files(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.count();
    }
  }

  @Test
  void absentFileReadsAsNothingSaved() throws IOException {
    assertThat(new MaskingStateFile(dir.resolve("not-yet")).read()).isNull();
  }

  @Test
  void committedSaveIsReadBackAndLeavesNoTemporaryFile() throws IOException {
    Path state = dir.resolve("state");
    MaskingStateFile file = new MaskingStateFile(state);
    Instant at = Instant.parse("2026-01-02T03:04:05Z");
    MaskingStateFile.Prepared prepared = file.prepareSave(rules("email"), "alice", at);
    assertThat(file.read()).as("not visible before commit").isNull();
    prepared.commit();

    MaskingStateFile.Saved saved = file.read();
    assertThat(saved.masking()).isEqualTo(rules("email"));
    assertThat(saved.savedBy()).isEqualTo("alice");
    assertThat(saved.savedAt()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(files(state)).isEqualTo(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-------");
  }

  @Test
  void abandonedSaveKeepsThePreviousRules() throws IOException {
    MaskingStateFile file = new MaskingStateFile(dir);
    file.prepareSave(rules("email"), "alice", Instant.now()).commit();
    file.prepareSave(rules("iban"), "bob", Instant.now()).abandon();
    assertThat(file.read().masking()).isEqualTo(rules("email"));
    assertThat(files(dir)).isEqualTo(1);
  }

  @Test
  void deleteRemovesTheSavedRulesOnCommitOnly() throws IOException {
    MaskingStateFile file = new MaskingStateFile(dir);
    file.prepareSave(rules("email"), "alice", Instant.now()).commit();
    MaskingStateFile.Prepared delete = file.prepareDelete();
    assertThat(file.read()).isNotNull();
    delete.commit();
    assertThat(file.read()).isNull();
  }

  @Test
  void aFileThatIsNotSavedRulesIsAnError() throws IOException {
    MaskingStateFile file = new MaskingStateFile(dir);
    Files.writeString(file.path(), "{\"format\": \"gatehouse-masking-overrides/1\"");
    assertThatThrownBy(file::read).isInstanceOf(IOException.class).hasMessageContaining("JSON");
    Files.writeString(file.path(), "{\"format\": \"gatehouse-masking-overrides/1\"}");
    assertThatThrownBy(file::read).hasMessageContaining("'masking' object");
  }
}
