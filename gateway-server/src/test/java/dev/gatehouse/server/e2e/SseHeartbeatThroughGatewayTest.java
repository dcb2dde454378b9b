package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.e2e.support.Fixture;
import dev.gatehouse.server.e2e.support.GatewayUnderTest;
import dev.gatehouse.server.e2e.support.RawMcp;
import dev.gatehouse.server.e2e.support.Repo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An idle SSE stream through the gateway gets the gateway's own comment heartbeat, so that
 * intermediaries do not reap it. The upstream's keep-alive is off, so every comment on the stream
 * is the gateway's.
 */
class SseHeartbeatThroughGatewayTest {
  private static Path logs;
  private static Fixture upstream;
  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() {
    Repo.requireNodeFixtures();
    logs = Repo.logDir("heartbeat");
    upstream = Fixture.start("conformance", 0, Map.of("FIXTURE_KEEPALIVE_MS", "0"), logs);
    gateway =
        GatewayUnderTest.start(Map.of("quiet", upstream.mcpUrl()), "timeouts: {sseIdle: 300ms}");
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void anIdleGetStreamGetsTheGatewaysCommentHeartbeat() throws Exception {
    RawMcp client = new RawMcp(gateway.url("quiet"));
    client.initialize();

    HttpResponse<InputStream> stream = client.openGetStream();
    List<String> seen = new ArrayList<>();
    try (InputStream body = stream.body()) {
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("content-type").orElse(""))
          .startsWith("text/event-stream");
      assertThat(stream.headers().firstValue("x-accel-buffering")).contains("no");
      CompletableFuture<String> comment =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  BufferedReader lines =
                      new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                  for (String line; (line = lines.readLine()) != null; ) {
                    seen.add(line);
                    if (line.startsWith(":")) {
                      return line;
                    }
                  }
                  return null;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      // The heartbeat is due after 300 ms of silence; the deadline only bounds a hang.
      String heartbeat = comment.get(30, TimeUnit.SECONDS);
      assertThat(heartbeat).as("lines before the stream ended: %s", seen).isNotNull();
      assertThat(heartbeat).isEqualTo(": keep-alive");
    }
  }
}
