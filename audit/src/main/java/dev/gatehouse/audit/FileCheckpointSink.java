package dev.gatehouse.audit;

import dev.gatehouse.audit.note.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the latest signed checkpoint in a file elsewhere (another disk, a mounted share). Replaced
 * atomically, so a reader never sees half a checkpoint.
 */
public final class FileCheckpointSink implements CheckpointSink {
  private final Path file;

  public FileCheckpointSink(Path file) {
    this.file = file;
  }

  @Override
  public void publish(Checkpoint checkpoint, String signedNote) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".checkpoint", ".tmp");
    try {
      Files.writeString(tmp, signedNote, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public String describe() {
    return "file " + file;
  }
}
