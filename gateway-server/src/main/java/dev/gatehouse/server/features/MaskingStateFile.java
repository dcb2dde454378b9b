package dev.gatehouse.server.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.UUID;

/**
 * The masking rules changed through the admin API, kept in {@code
 * <stateDir>/masking.overrides.json} so a restart keeps them. Written atomically (a temporary file
 * in the same folder, fsync, rename, fsync of the folder): a crash leaves the old file or the new
 * one, never half of either. A change is two steps ({@link #prepare}, then {@link Prepared#commit})
 * so the caller can write its audit record between them: everything that can plausibly fail (a full
 * disk, permissions) fails before the change is recorded as made.
 */
public final class MaskingStateFile {
  public static final String FILE_NAME = "masking.overrides.json";
  static final String FORMAT = "gatehouse-masking-overrides/1";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final Path file;

  public MaskingStateFile(Path stateDir) {
    this.dir = stateDir.toAbsolutePath().normalize();
    this.file = dir.resolve(FILE_NAME);
  }

  public Path path() {
    return file;
  }

  /**
   * What was saved.
   *
   * @param masking the masking section in force (the canonical form of {@code MaskingRules})
   * @param savedAt when it was saved
   * @param savedBy the subject of the admin who made the change
   */
  public record Saved(ObjectNode masking, String savedAt, String savedBy) {}

  /** The saved rules, or {@code null} when no change was ever saved (or it was reset). */
  public Saved read() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IOException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null
        || !FORMAT.equals(root.path("format").asText())
        || !(root.get("masking") instanceof ObjectNode masking)) {
      throw new IOException("not a " + FORMAT + " document with a 'masking' object");
    }
    return new Saved(masking, root.path("savedAt").asText(null), root.path("savedBy").asText(null));
  }

  /** A change written to disk but not yet in effect. Exactly one of the methods is called. */
  public interface Prepared {
    /** Makes the change durable and visible (rename or delete, then fsync of the folder). */
    void commit() throws IOException;

    /** Drops the change; the saved state stays what it was. */
    void abandon();
  }

  /** Writes {@code masking} to a temporary file next to the state file and syncs it. */
  public Prepared prepareSave(ObjectNode masking, String actor, Instant at) throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("savedAt", at.toString());
    doc.put("savedBy", actor);
    doc.set("masking", masking);
    byte[] bytes = JSON.writeValueAsBytes(doc);
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      restrict(temp);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return new Prepared() {
      @Override
      public void commit() throws IOException {
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDir();
      }

      @Override
      public void abandon() {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // A stray temporary file is harmless: it is never read.
        }
      }
    };
  }

  /** Removing the state file, so the configuration file's section applies again. */
  public Prepared prepareDelete() {
    return new Prepared() {
      @Override
      public void commit() throws IOException {
        if (Files.deleteIfExists(file)) {
          syncDir();
        }
      }

      @Override
      public void abandon() {}
    };
  }

  private static void restrict(Path path) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the folder's own permissions apply.
    }
  }

  private void syncDir() throws IOException {
    // The rename (or removal) itself is durable only once the folder's entry is synced.
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
