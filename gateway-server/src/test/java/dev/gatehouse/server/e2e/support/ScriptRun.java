package dev.gatehouse.server.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command from the repository root with a deadline, stdout and stderr captured to files
 * (never to pipes that could fill up and stall the child).
 *
 * @param command what ran
 * @param exitCode its exit code; -1 when it was killed at the deadline
 * @param stdout everything it printed on stdout
 * @param stderrFile where its stderr is
 */
public record ScriptRun(List<String> command, int exitCode, String stdout, Path stderrFile) {

  /** Runs {@code command} and waits at most {@code deadline}; the whole process tree is killed. */
  public static ScriptRun run(List<String> command, Path logDir, String name, Duration deadline) {
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(Repo.root().toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    try {
      Process process = builder.start();
      int exit;
      if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        exit = process.exitValue();
      } else {
        // Node children of the bash wrapper would outlive it: kill the whole tree.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        exit = -1;
      }
      return new ScriptRun(
          List.copyOf(command), exit, Files.readString(out, StandardCharsets.UTF_8), err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  /** A readable account of the run for failure messages: command, exit code, output, stderr. */
  public String describe() {
    return String.join(" ", command)
        + "\nexit "
        + (exitCode == -1 ? "(killed at the deadline)" : Integer.toString(exitCode))
        + "\n--- stdout ---\n"
        + stdout
        + "--- stderr (last lines of "
        + stderrFile
        + ") ---\n"
        + Fixture.tail(stderrFile);
  }
}
