package dev.gatehouse.server.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.server.config.ConfigDefaults;
import dev.gatehouse.server.config.ConnectionSettings;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.GatewaySettings;
import dev.gatehouse.server.config.ListenerSettings;
import dev.gatehouse.server.config.ResolvedConfigWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The configuration {@code gatehouse demo} runs with, built in code because the sample server's
 * port is only known at run time. {@code config/demo.yaml} is the same configuration as a file
 * (with the sample server on port 3001); a test keeps the two equal.
 */
public final class DemoConfig {
  /** The demo's one connection: clients use {@code /mcp/demo}. */
  public static final String CONNECTION = "demo";

  public static final String HOST = "127.0.0.1";

  private DemoConfig() {}

  /**
   * @param mcpPort the gateway's MCP port (0: any free port)
   * @param adminPort the gateway's admin port (0: any free port)
   * @param sampleEndpoint the sample server's MCP endpoint
   */
  public static GatehouseConfig build(int mcpPort, int adminPort, URI sampleEndpoint) {
    ListenerSettings.Endpoint mcp = new ListenerSettings.Endpoint(HOST, mcpPort);
    ListenerSettings listeners =
        new ListenerSettings(mcp, new ListenerSettings.Endpoint(HOST, adminPort));
    GatehouseConfig config =
        new GatehouseConfig(
            new GatewaySettings("demo", ConfigDefaults.publicUrl(mcp), true),
            listeners,
            ConfigDefaults.http(mcp),
            ConfigDefaults.timeouts(),
            ConfigDefaults.pool(),
            Map.of(CONNECTION, new ConnectionSettings(CONNECTION, sampleEndpoint, null, null)),
            JsonNodeFactory.instance.objectNode(),
            "");
    // No file to hash: the audit "config hash" of the demo is the hash of its resolved form.
    String hash = sha256(ResolvedConfigWriter.toYaml(config));
    return new GatehouseConfig(
        config.gateway(),
        config.listeners(),
        config.http(),
        config.timeouts(),
        config.pool(),
        config.connections(),
        config.sections(),
        hash);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
