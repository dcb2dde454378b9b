package dev.gatehouse.server.e2e.support;

import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.config.ConfigLoader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real {@link GatewayServer} on free loopback ports, configured from YAML exactly as {@code
 * gatehouse serve} would be, in front of the given upstreams.
 */
public final class GatewayUnderTest implements AutoCloseable {
  private final GatewayServer server;

  private GatewayUnderTest(GatewayServer server) {
    this.server = server;
  }

  /**
   * @param connections connection name to upstream Streamable HTTP URL
   * @param extraYaml further top-level sections (e.g. {@code timeouts:}), or an empty string
   */
  public static GatewayUnderTest start(Map<String, URI> connections, String extraYaml) {
    StringBuilder yaml = new StringBuilder();
    new LinkedHashMap<>(connections)
        .forEach(
            (name, upstream) ->
                yaml.append(name).append(":\n  upstream: ").append(upstream).append('\n'));
    return startYaml(yaml.toString(), extraYaml);
  }

  /**
   * @param connectionsYaml the body of the {@code connections:} section, unindented
   * @param extraYaml further top-level sections, or an empty string
   */
  public static GatewayUnderTest startYaml(String connectionsYaml, String extraYaml) {
    StringBuilder yaml =
        new StringBuilder(
            """
            listeners:
              mcp: {host: 127.0.0.1, port: 0}
              admin: {host: 127.0.0.1, port: 0}
            """);
    yaml.append(extraYaml.strip()).append('\n');
    yaml.append("connections:\n");
    connectionsYaml.lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
    return new GatewayUnderTest(
        GatewayServer.start(ConfigLoader.fromString(yaml.toString(), "e2e.yaml")));
  }

  public static GatewayUnderTest start(Map<String, URI> connections) {
    return start(connections, "");
  }

  public GatewayServer server() {
    return server;
  }

  /**
   * A connection's URL with a {@code localhost} host (conformance runs its DNS-rebinding scenario
   * only against loopback names, and the gateway's default allow-list names localhost).
   */
  public String url(String connection) {
    return "http://localhost:" + server.mcpPort() + "/mcp/" + connection;
  }

  /** The base URL {@code http://localhost:port}, for clients that take the path separately. */
  public String baseUrl() {
    return "http://localhost:" + server.mcpPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
