package dev.gatehouse.server.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Named readiness checks; each returns {@code null} when fine or a reason when not. Checks must be
 * cheap and non-blocking (they read state that background probes keep current).
 */
public final class ReadinessChecks {
  private final Map<String, Supplier<String>> checks = new LinkedHashMap<>();

  public synchronized ReadinessChecks add(String name, Supplier<String> check) {
    checks.put(name, check);
    return this;
  }

  public synchronized Report check() {
    Map<String, String> results = new LinkedHashMap<>();
    boolean ready = true;
    for (var entry : checks.entrySet()) {
      String problem;
      try {
        problem = entry.getValue().get();
      } catch (RuntimeException e) {
        problem = "check failed: " + e;
      }
      results.put(entry.getKey(), problem == null ? "ok" : problem);
      ready &= problem == null;
    }
    return new Report(ready, results);
  }

  /** The outcome: ready when every check is ok. */
  public record Report(boolean ready, Map<String, String> checks) {}
}
