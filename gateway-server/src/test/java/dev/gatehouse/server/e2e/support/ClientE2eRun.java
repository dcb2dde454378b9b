package dev.gatehouse.server.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code testing/node/client-e2e.mjs}, the official TypeScript SDK client: its exit code
 * and its checks, one JSON line each ({@code {"check", "ok", "ms", "detail"|"error"}}).
 *
 * @param run the script run
 * @param checks check name to its JSON line, in the order they ran
 */
public record ClientE2eRun(ScriptRun run, Map<String, JsonNode> checks) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each check has its own 15 s deadline inside the script; this bounds the whole run. */
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  public static ClientE2eRun run(String url, Path logDir, String name, String... options) {
    List<String> command =
        new ArrayList<>(List.of("bash", "testing/node22.sh", "testing/node/client-e2e.mjs", url));
    command.addAll(List.of(options));
    ScriptRun run = ScriptRun.run(command, logDir, name, DEADLINE);
    Map<String, JsonNode> checks = new LinkedHashMap<>();
    for (String line : run.stdout().lines().toList()) {
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonNode check = JSON.readTree(line);
        checks.put(check.path("check").asText(), check);
      } catch (IOException e) {
        throw new UncheckedIOException("client-e2e printed a broken line: " + line, e);
      }
    }
    System.out.println("[" + name + "] " + url + "\n" + run.stdout().strip());
    return new ClientE2eRun(run, Map.copyOf(checks));
  }

  /**
   * The script exited 0, no check failed, and exactly {@code expectedChecks} ran: a script that
   * stopped early must not pass for lack of failures.
   */
  public void assertAllPassed(String... expectedChecks) {
    org.assertj.core.api.Assertions.assertThat(failures()).as(describe()).isEmpty();
    org.assertj.core.api.Assertions.assertThat(run.exitCode()).as(describe()).isZero();
    org.assertj.core.api.Assertions.assertThat(checks.keySet())
        .as(describe())
        .containsExactlyInAnyOrder(expectedChecks);
  }

  /** The names of the checks that failed, with their errors, for a readable assertion message. */
  public List<String> failures() {
    return checks.values().stream()
        .filter(c -> !c.path("ok").asBoolean())
        .map(c -> c.path("check").asText() + ": " + c.path("error").asText())
        .toList();
  }

  public JsonNode detail(String check) {
    return checks.getOrDefault(check, JSON.nullNode()).path("detail");
  }

  public String describe() {
    return run.describe();
  }
}
