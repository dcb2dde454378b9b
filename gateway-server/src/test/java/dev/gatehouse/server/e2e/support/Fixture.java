package dev.gatehouse.server.e2e.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Node fixture process ({@code testing/run-fixture.sh KIND PORT}): started, ready once it
 * printed {@code LISTENING <port>}, stopped with {@link #close}. stdout and stderr go to a log file
 * under target/e2e, named in every failure message.
 */
public final class Fixture implements AutoCloseable {
  /** Node start-up on a loaded 2-core machine can take a few seconds; this is a hang, not slow. */
  private static final Duration START_DEADLINE = Duration.ofSeconds(60);

  /** Processes still running, stopped by a shutdown hook if a test run is aborted mid-class. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "fixture-reaper"));
  }

  private final String kind;
  private final Map<String, String> env;
  private final Path log;
  private final Process process;
  private final int port;

  private Fixture(String kind, Map<String, String> env, Path log, Process process, int port) {
    this.kind = kind;
    this.env = env;
    this.log = log;
    this.process = process;
    this.port = port;
  }

  /** Starts fixture {@code kind} on a free port. */
  public static Fixture start(String kind, Path logDir) {
    return start(kind, 0, Map.of(), logDir);
  }

  /**
   * Starts fixture {@code kind} ({@code conformance}, {@code everything}, {@code legacy-sse}) on
   * {@code port} (0: a free one) with extra environment variables, and waits until it listens.
   */
  public static Fixture start(String kind, int port, Map<String, String> env, Path logDir) {
    Repo.requireNodeFixtures();
    Path log = uniqueLog(logDir, kind);
    ProcessBuilder builder =
        new ProcessBuilder("bash", "testing/run-fixture.sh", kind, Integer.toString(port))
            .directory(Repo.root().toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start fixture " + kind, e);
    }
    LIVE.add(process);
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(() -> pumpStdout(process, log, listening), "fixture-" + kind + "-stdout");
    reader.setDaemon(true);
    reader.start();
    process.onExit().thenRun(() -> listening.completeExceptionally(new IllegalStateException()));
    try {
      int bound = listening.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      return new Fixture(kind, Map.copyOf(env), log, process, bound);
    } catch (ExecutionException | TimeoutException e) {
      destroy(process);
      throw new AssertionError(
          "fixture "
              + kind
              + (e instanceof TimeoutException
                  ? " did not print LISTENING within " + START_DEADLINE.toSeconds() + " s"
                  : process.isAlive()
                      ? " failed to start: " + e.getCause()
                      : " exited (code " + process.exitValue() + ") before listening")
              + "; log "
              + log
              + ":\n"
              + tail(log),
          e);
    } catch (InterruptedException e) {
      destroy(process);
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while starting fixture " + kind, e);
    }
  }

  /** Copies stdout to the log, completing {@code listening} with the port of the first line. */
  private static void pumpStdout(Process process, Path log, CompletableFuture<Integer> listening) {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      String line;
      while ((line = lines.readLine()) != null) {
        out.write("[stdout] " + line + "\n");
        out.flush();
        if (line.startsWith("LISTENING ")) {
          listening.complete(Integer.parseInt(line.substring("LISTENING ".length()).trim()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      listening.completeExceptionally(e);
    }
  }

  public String kind() {
    return kind;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  /** The Streamable HTTP endpoint, as the gateway is configured with it. */
  public URI mcpUrl() {
    return URI.create("http://127.0.0.1:" + port + "/mcp");
  }

  /**
   * The same endpoint with a {@code localhost} host: conformance only runs its DNS-rebinding
   * scenario against a loopback name.
   */
  public String localhostMcpUrl() {
    return "http://localhost:" + port + "/mcp";
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Starts the same kind again on the same port, after this one was {@link #close closed}. */
  public Fixture restartOnSamePort() {
    if (process.isAlive()) {
      throw new IllegalStateException("close the fixture before restarting it");
    }
    return start(kind, port, env, log.getParent());
  }

  /** Kills the process (SIGKILL), like a crash: no chance to close its connections cleanly. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new AssertionError("fixture " + kind + " survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while killing fixture " + kind, e);
    } finally {
      LIVE.remove(process);
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  @Override
  public void close() {
    destroy(process);
  }

  private static void destroy(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      LIVE.remove(process);
    }
  }

  private static Path uniqueLog(Path dir, String kind) {
    for (int i = 1; ; i++) {
      Path candidate = dir.resolve("fixture-" + kind + "-" + i + ".log");
      if (!Files.exists(candidate)) {
        try {
          return Files.createFile(candidate);
        } catch (IOException e) {
          if (!Files.exists(candidate)) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
  }

  /** The last lines of a log, for failure messages. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
