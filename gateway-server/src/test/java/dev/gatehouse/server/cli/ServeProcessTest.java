package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse serve} as a real process: it starts, logs its configuration summary, and on
 * SIGTERM runs its shutdown hook to a clean stop.
 */
class ServeProcessTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void startsAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("g.yaml"),
            """
            listeners:
              mcp: {port: 0}
              admin: {port: 0}
            connections:
              demo:
                upstream: http://127.0.0.1:3001/mcp
            """);
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GatehouseCli.class.getName(),
                "serve",
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                    r.lines().forEach(lines::add);
                  } catch (java.io.IOException e) {
                    lines.add("read failed: " + e);
                  }
                });
    try {
      awaitLine(lines, "gatehouse serving", process);
      assertThat(String.join("\n", lines))
          .contains("connection /mcp/demo -> http://127.0.0.1:3001/mcp")
          .contains("timeouts: connect 5s");

      // SIGTERM through the handle: Process.destroy() would also close our end of the output
      // pipe, and we want to read what the shutdown hook logs.
      process.toHandle().destroy();
      assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      reader.join(DEADLINE);
      // 143 = 128 + SIGTERM: the JVM ended through its shutdown sequence.
      assertThat(process.exitValue()).isEqualTo(143);
      String output = String.join("\n", lines);
      assertThat(output).contains("shutting down").contains("stopped");
    } finally {
      process.destroyForcibly();
    }
  }

  private static void awaitLine(List<String> lines, String text, Process process)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (lines.stream().noneMatch(l -> l.contains(text))) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "no '" + text + "' from gatehouse serve; output:\n" + String.join("\n", lines));
      }
      Thread.sleep(20); // polling the output, not waiting for time to pass
    }
  }
}
