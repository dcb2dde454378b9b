package dev.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.audit.verify.LogVerifier;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.server.cli.GatehouseCli;
import dev.gatehouse.server.demo.SampleMcpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability contract under crashes: a separate gateway process under steady load is killed
 * with SIGKILL at random moments and restarted, ten times. After every restart the log verifies,
 * and at the end every response a client received has its record in the log.
 */
class AuditCrashTest {
  private static final int CYCLES = 10;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // eleven JVM starts on a small, shared machine
  void sigkillNeverLosesAnAcknowledgedRecord() throws Exception {
    AuditTestSupport.keygen(dir);
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int mcpPort = freePort();
    int adminPort = freePort();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try (SampleMcpServer upstream = SampleMcpServer.start("127.0.0.1", 0)) {
      Path config = dir.resolve("gatehouse.yaml");
      Files.writeString(
          config,
          """
          listeners:
            mcp: {host: 127.0.0.1, port: %d}
            admin: {host: 127.0.0.1, port: %d}
          connections:
            demo:
              upstream: %s
          """
                  .formatted(mcpPort, adminPort, upstream.endpoint())
              + AuditTestSupport.auditSection(dir)
              // Small segments: they roll over every few dozen records, so most kills land in a
              // preallocated segment (the writer prepares the next one once a segment is a
              // quarter full), and the restart must cut its NUL tail and any torn write in it.
              + "  segmentMaxBytes: 16KiB\n");
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        Process gateway = start(config, cycle);
        awaitHealthy(adminPort, gateway);
        LogVerifier.Result afterRestart = verifyOnceCheckpointed();
        assertThat(afterRestart.ok())
            .as(
                "cycle %d (seed %d): %s %s",
                cycle, seed, afterRestart.summary(), afterRestart.problems())
            .isTrue();
        int killAfter = 3 + random.nextInt(40);
        Load load = new Load(mcpPort, "c" + cycle, acknowledged);
        load.start(2);
        load.awaitAcknowledged(killAfter, gateway);
        gateway.destroyForcibly(); // SIGKILL
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        load.stop();
      }
      Process last = start(config, CYCLES);
      awaitHealthy(adminPort, last);
      last.destroy(); // SIGTERM: graceful, final checkpoint
      assertThat(last.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    LogVerifier.Result result = AuditTestSupport.verify(dir);
    assertThat(result.ok())
        .as("seed %d: %s %s", seed, result.summary(), result.problems())
        .isTrue();
    Set<String> recorded =
        AuditTestSupport.records(dir).stream()
            .filter(r -> r.path("type").asText().equals("exchange"))
            .map(r -> r.path("jsonrpcId").asText())
            .collect(Collectors.toSet());
    assertThat(acknowledged).hasSizeGreaterThan(CYCLES * 3);
    assertThat(recorded).as("seed %d", seed).containsAll(acknowledged);
  }

  /**
   * Verifies the live log, allowing the restarted writer a bounded moment to sign the checkpoint
   * that covers its start record (records not yet under a checkpoint cannot be verified).
   */
  private LogVerifier.Result verifyOnceCheckpointed() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    LogVerifier.Result result;
    do {
      result = AuditTestSupport.verify(dir);
      if (result.ok()) {
        return result;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    } while (System.nanoTime() < deadline);
    return result;
  }

  private Process start(Path config, int cycle) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", // start fast: this process lives for a second or two
            "-cp",
            System.getProperty("java.class.path"),
            GatehouseCli.class.getName(),
            "serve",
            "--config",
            config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("gateway-" + cycle + ".log").toFile())
        .start();
  }

  private void awaitHealthy(int adminPort, Process gateway) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertThat(gateway.isAlive()).as("gateway process exited early").isTrue();
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthz"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new AssertionError("gateway did not become healthy within 90 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Steady tools/call traffic; remembers the id of every call that got a result. */
  private final class Load {
    private final int port;
    private final String prefix;
    private final Set<String> acknowledged;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger thisCycle = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    Load(int port, String prefix, Set<String> acknowledged) {
      this.port = port;
      this.prefix = prefix;
      this.acknowledged = acknowledged;
    }

    void start(int count) {
      for (int i = 0; i < count; i++) {
        threads.add(Thread.ofVirtual().start(this::run));
      }
    }

    void awaitAcknowledged(int count, Process gateway) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (thisCycle.get() < count && System.nanoTime() < deadline && gateway.isAlive()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      assertThat(thisCycle.get())
          .as("acknowledged calls before the kill")
          .isGreaterThanOrEqualTo(count);
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(30));
      }
    }

    private void run() {
      String session = null;
      while (running.get()) {
        try {
          if (session == null) {
            HttpResponse<String> init =
                post(
                    null,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"load\",\"version\":\"1\"}}}");
            session =
                init.statusCode() == 200
                    ? init.headers().firstValue("mcp-session-id").orElse(null)
                    : null;
            continue;
          }
          String id = prefix + "-" + ids.incrementAndGet();
          HttpResponse<String> response =
              post(
                  session,
                  "{\"jsonrpc\":\"2.0\",\"id\":\""
                      + id
                      + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"run_query\",\"arguments\":{\"sql\":\"select 1\"}}}");
          JsonNode body =
              response.statusCode() == 200 ? JsonRpcParser.MAPPER.readTree(response.body()) : null;
          if (body != null && body.has("result") && body.path("id").asText().equals(id)) {
            acknowledged.add(id);
            thisCycle.incrementAndGet();
          } else {
            session = null;
          }
        } catch (Exception e) {
          session = null; // the gateway died mid-request: nothing was acknowledged
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
      }
    }

    private HttpResponse<String> post(String session, String body) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp/demo"))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .header("MCP-Protocol-Version", "2025-06-18")
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (session != null) {
        request.header("Mcp-Session-Id", session);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
