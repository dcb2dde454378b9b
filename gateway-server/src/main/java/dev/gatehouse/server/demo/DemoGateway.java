package dev.gatehouse.server.demo;

import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.config.GatehouseConfig;
import java.io.IOException;

/**
 * A running demo: the sample MCP server and a gateway in front of it. Closing it stops both, the
 * gateway first so that no request is forwarded to a server that is already gone.
 */
public final class DemoGateway implements AutoCloseable {
  private final SampleMcpServer sample;
  private final GatewayServer gateway;

  private DemoGateway(SampleMcpServer sample, GatewayServer gateway) {
    this.sample = sample;
    this.gateway = gateway;
  }

  /**
   * Starts the sample server on {@code samplePort} (0: any free port), then the gateway.
   *
   * @throws IOException when the sample server cannot bind
   */
  public static DemoGateway start(int mcpPort, int adminPort, int samplePort) throws IOException {
    SampleMcpServer sample = SampleMcpServer.start(DemoConfig.HOST, samplePort);
    try {
      GatehouseConfig config = DemoConfig.build(mcpPort, adminPort, sample.endpoint());
      return new DemoGateway(sample, GatewayServer.start(config));
    } catch (RuntimeException e) {
      sample.close();
      throw e;
    }
  }

  public SampleMcpServer sample() {
    return sample;
  }

  public GatewayServer gateway() {
    return gateway;
  }

  public GatehouseConfig config() {
    return gateway.config();
  }

  /** The URL to point an MCP client at, e.g. {@code http://127.0.0.1:8080/mcp/demo}. */
  public String mcpUrl() {
    return "http://" + DemoConfig.HOST + ":" + gateway.mcpPort() + "/mcp/" + DemoConfig.CONNECTION;
  }

  /** The admin listener's base URL, e.g. {@code http://127.0.0.1:8081}. */
  public String adminUrl() {
    return "http://" + DemoConfig.HOST + ":" + gateway.adminPort();
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      sample.close();
    }
  }
}
