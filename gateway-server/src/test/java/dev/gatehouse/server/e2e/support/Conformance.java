package dev.gatehouse.server.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One run of {@code testing/conformance.sh} (the {@code @modelcontextprotocol/conformance} server
 * suite): exit code, the summary it printed and the set of scenarios that passed.
 *
 * @param run the script run
 * @param passed scenarios listed in {@code OUTDIR/passed.txt}
 */
public record Conformance(ScriptRun run, Set<String> passed) {
  /** A full suite takes 3-6 s here; this bounds a hung scenario, not a slow one. */
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  /**
   * Runs the active server suite against {@code url}; {@code expectedFailures} (a path relative to
   * the repository root) may be null. Results go to {@code logDir/name}.
   */
  public static Conformance run(String url, Path logDir, String name, String expectedFailures) {
    Path outDir = logDir.resolve(name);
    List<String> command = new ArrayList<>(List.of("bash", "testing/conformance.sh", url));
    command.add(outDir.toString());
    if (expectedFailures != null) {
      command.add("--expected-failures");
      command.add(expectedFailures);
    }
    deleteTree(outDir);
    ScriptRun run = ScriptRun.run(command, logDir, name, DEADLINE);
    Set<String> passed = new TreeSet<>();
    Path passedFile = outDir.resolve("passed.txt");
    try {
      if (Files.isRegularFile(passedFile)) {
        Files.readAllLines(passedFile).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .forEach(passed::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Conformance result = new Conformance(run, Set.copyOf(passed));
    // The summary lines belong in the test output whether the run passed or not.
    System.out.println("[" + name + "] " + url + "\n" + run.stdout().strip());
    return result;
  }

  public int exitCode() {
    return run.exitCode();
  }

  /** The {@code conformance: N passed, M failed (scenarios)} line, or null. */
  public String summary() {
    return run.stdout()
        .lines()
        .filter(l -> l.startsWith("conformance: ") && l.contains(" passed, "))
        .findFirst()
        .orElse(null);
  }

  public String describe() {
    return run.describe();
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
