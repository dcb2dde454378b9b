package dev.gatehouse.server.demo;

import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.config.GatehouseConfig;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running demo: the sample MCP server, the development token issuer, and a gateway in front of
 * the sample that trusts that issuer and audits to {@link DemoFiles}. This is the only place the
 * development issuer is started. Closing the demo stops the gateway first (so nothing is forwarded
 * to a server that is already gone, and the audit log is sealed with a final checkpoint), then the
 * issuer and the sample.
 */
public final class DemoGateway implements AutoCloseable {
  private final SampleMcpServer sample;
  private final DevTokenIssuer issuer;
  private final GatewayServer gateway;
  private final DemoFiles files;
  private final Map<DemoIdentity, String> tokens;

  private DemoGateway(
      SampleMcpServer sample, DevTokenIssuer issuer, GatewayServer gateway, DemoFiles files) {
    this.sample = sample;
    this.issuer = issuer;
    this.gateway = gateway;
    this.files = files;
    Map<DemoIdentity, String> minted = new LinkedHashMap<>();
    DemoIdentity.ALL.forEach(who -> minted.put(who, issuer.mint(who)));
    this.tokens = minted;
  }

  /**
   * Starts the sample server on {@code samplePort} (0: any free port), the development issuer on a
   * free port, then the gateway; creates the audit key in {@code files} on the first run.
   *
   * @throws IOException when the sample server or the issuer cannot bind
   */
  public static DemoGateway start(int mcpPort, int adminPort, int samplePort, DemoFiles files)
      throws IOException {
    SampleMcpServer sample = SampleMcpServer.start(DemoConfig.HOST, samplePort);
    DevTokenIssuer issuer = null;
    try {
      issuer = DevTokenIssuer.start(0, DemoConfig.AUDIENCE);
      // After the servers bound: a run that cannot start leaves no files behind.
      files.ensureAuditKey();
      GatehouseConfig config =
          DemoConfig.build(mcpPort, adminPort, sample.endpoint(), issuer.issuer(), files);
      return new DemoGateway(sample, issuer, GatewayServer.start(config), files);
    } catch (IOException | RuntimeException e) {
      if (issuer != null) {
        issuer.close();
      }
      sample.close();
      throw e;
    }
  }

  public SampleMcpServer sample() {
    return sample;
  }

  public DevTokenIssuer issuer() {
    return issuer;
  }

  public GatewayServer gateway() {
    return gateway;
  }

  public GatehouseConfig config() {
    return gateway.config();
  }

  public DemoFiles files() {
    return files;
  }

  /** The token printed for {@code who} (minted once at start, valid 12 hours). */
  public String token(DemoIdentity who) {
    return tokens.get(who);
  }

  /** The printed tokens, in {@link DemoIdentity#ALL} order. */
  public Map<DemoIdentity, String> tokens() {
    return Collections.unmodifiableMap(tokens);
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
      try {
        issuer.close();
      } finally {
        sample.close();
      }
    }
  }
}
