package dev.gatehouse.server.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and its Node test peers are, and where end-to-end logs go. */
public final class Repo {
  private Repo() {}

  /**
   * The repository root: the {@code gatehouse.repo.root} property surefire sets, else the nearest
   * directory above the working directory that holds {@code testing/run-fixture.sh} (an IDE run).
   */
  public static Path root() {
    String property = System.getProperty("gatehouse.repo.root");
    if (property != null && Files.isRegularFile(Path.of(property, "testing", "run-fixture.sh"))) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testing").resolve("run-fixture.sh"))) {
        return dir;
      }
    }
    throw new AssertionError(
        "cannot find the repository root (no testing/run-fixture.sh above "
            + Path.of("").toAbsolutePath()
            + " and gatehouse.repo.root="
            + property
            + ")");
  }

  /**
   * Fails (never skips) when the npm fixtures are not installed: a CI run that silently skipped the
   * real-peer tests would read as green while proving nothing.
   */
  public static void requireNodeFixtures() {
    Path modules = root().resolve("testing/node/node_modules");
    if (!Files.isDirectory(modules.resolve("@modelcontextprotocol"))) {
      throw new AssertionError(
          "the end-to-end tests need the Node fixtures, but "
              + modules
              + " is missing or incomplete: run `bash testing/setup.sh` (scripts/test.sh does"
              + " this before mvn verify)");
    }
  }

  /** A directory for the logs and reports of one test class: target/e2e/{name}. */
  public static Path logDir(String name) {
    Path dir = Path.of("target", "e2e", name).toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
