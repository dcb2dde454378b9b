package dev.gatehouse.server;

import dev.gatehouse.server.config.ConnectionSettings;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.GatewaySettings;
import dev.gatehouse.server.config.HttpSettings;
import dev.gatehouse.server.config.ListenerSettings;
import dev.gatehouse.server.config.PoolSettings;
import dev.gatehouse.server.config.TimeoutSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Configurations for tests: loopback listeners on free ports, short timeouts. */
public final class TestConfigs {
  private TestConfigs() {}

  public static GatehouseConfig forUpstream(String name, URI upstream) {
    return with(
        Map.of(name, new ConnectionSettings(name, upstream, null, null)), Duration.ofSeconds(5));
  }

  public static GatehouseConfig with(
      Map<String, ConnectionSettings> connections, Duration responseTimeout) {
    return with(
        connections,
        new TimeoutSettings(
            Duration.ofSeconds(2),
            responseTimeout,
            Duration.ofSeconds(30),
            Duration.ofMillis(300)));
  }

  public static GatehouseConfig with(
      Map<String, ConnectionSettings> connections, TimeoutSettings timeouts) {
    return new GatehouseConfig(
        new GatewaySettings("test", "http://127.0.0.1", false),
        new ListenerSettings(
            new ListenerSettings.Endpoint("127.0.0.1", 0),
            new ListenerSettings.Endpoint("127.0.0.1", 0)),
        new HttpSettings(
            64 * 1024,
            16 * 1024,
            List.of("localhost", "127.0.0.1", "[::1]"),
            List.of("http://localhost", "http://127.0.0.1", "https://localhost", "http://[::1]")),
        timeouts,
        new PoolSettings(8, 64, Duration.ofSeconds(4), Duration.ofMinutes(5)),
        connections,
        null,
        "test-config-hash");
  }
}
