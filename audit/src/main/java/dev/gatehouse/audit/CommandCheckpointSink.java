package dev.gatehouse.audit;

import dev.gatehouse.audit.note.Checkpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command for each checkpoint with the signed note on its standard input (e.g. {@code aws s3
 * cp - s3://bucket/checkpoint}); exit status 0 is success. The command is run directly, never
 * through a shell.
 */
public final class CommandCheckpointSink implements CheckpointSink {
  private final List<String> command;
  private final Duration timeout;

  public CommandCheckpointSink(List<String> command, Duration timeout) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command is empty");
    }
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  @Override
  public void publish(Checkpoint checkpoint, String signedNote)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(signedNote.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException(describe() + " did not finish within " + timeout);
    }
    if (p.exitValue() != 0) {
      throw new IOException(describe() + " exited with status " + p.exitValue());
    }
  }

  @Override
  public String describe() {
    return "command " + String.join(" ", command);
  }
}
