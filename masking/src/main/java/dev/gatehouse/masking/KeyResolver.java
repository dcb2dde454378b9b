package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the {@code hash_key} reference of the configuration ({@code {env: NAME}} or {@code {file:
 * PATH}}) into key bytes. Secrets never sit inline in the configuration; the server may pass its
 * own resolver (to share its secret handling), the default reads the environment and files.
 */
@FunctionalInterface
public interface KeyResolver {
  /** The key bytes, or {@code null} when the referenced secret is not set. */
  byte[] resolve(JsonNode reference) throws IOException;

  /** Reads {@code env} from the process environment and {@code file} from disk (trimmed). */
  KeyResolver DEFAULT =
      ref -> {
        if (ref.hasNonNull("env")) {
          String v = System.getenv(ref.get("env").asText());
          return v == null ? null : v.strip().getBytes(StandardCharsets.UTF_8);
        }
        if (ref.hasNonNull("file")) {
          return Files.readString(Path.of(ref.get("file").asText()))
              .strip()
              .getBytes(StandardCharsets.UTF_8);
        }
        return null;
      };
}
