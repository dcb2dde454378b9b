package dev.gatehouse.server.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.GatewaySettings;
import java.net.URI;

/**
 * The configuration {@code gatehouse demo} runs with, built in code because the sample server's and
 * the development issuer's ports are only known at run time. {@code config/demo.yaml} is the same
 * configuration as a file; a test keeps the two equal.
 *
 * <p>The tree is built here and then read by {@link ConfigLoader} exactly as a file would be, so
 * the demo cannot run with anything a file could not say. The one exception is the demo profile
 * ({@code gateway.demo}), which the loader refuses in files and which is switched on afterwards.
 */
public final class DemoConfig {
  /** The demo's one connection: clients use {@code /mcp/demo}. */
  public static final String CONNECTION = "demo";

  public static final String HOST = "127.0.0.1";

  /** The {@code aud} the gateway requires and the development issuer puts in every token. */
  public static final String AUDIENCE = "gatehouse-demo";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private DemoConfig() {}

  /**
   * @param mcpPort the gateway's MCP port (0: any free port)
   * @param adminPort the gateway's admin port (0: any free port)
   * @param sampleEndpoint the sample server's MCP endpoint
   * @param issuer the development issuer's URL ({@link DevTokenIssuer#issuer()})
   * @param files where the audit log and its key live
   */
  public static GatehouseConfig build(
      int mcpPort, int adminPort, URI sampleEndpoint, String issuer, DemoFiles files) {
    String yaml;
    try {
      yaml = YAML.writeValueAsString(tree(mcpPort, adminPort, sampleEndpoint, issuer, files));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
    // The source hash (the audit records' "config hash") is then the hash of this YAML text.
    GatehouseConfig loaded = ConfigLoader.fromString(yaml, "gatehouse demo");
    GatewaySettings gateway = loaded.gateway();
    return new GatehouseConfig(
        new GatewaySettings(gateway.instance(), gateway.publicUrl(), true),
        loaded.listeners(),
        loaded.http(),
        loaded.timeouts(),
        loaded.pool(),
        loaded.connections(),
        loaded.sections(),
        loaded.sourceHash());
  }

  /** The configuration as the tree a YAML file with the same content parses to. */
  static ObjectNode tree(
      int mcpPort, int adminPort, URI sampleEndpoint, String issuer, DemoFiles files) {
    ObjectNode root = NODES.objectNode();
    root.putObject("gateway").put("instance", "demo");
    ObjectNode listeners = root.putObject("listeners");
    listeners.putObject("mcp").put("host", HOST).put("port", mcpPort);
    listeners.putObject("admin").put("host", HOST).put("port", adminPort);

    ObjectNode auth = root.putObject("auth");
    auth.putArray("issuers").addObject().put("issuer", issuer);
    auth.put("audience", AUDIENCE);

    ObjectNode audit = root.putObject("audit");
    audit.put("dir", files.auditDir().toString());
    audit.put("privateKeyFile", files.auditPrivateKey().toString());
    // Durable: a reply leaves the gateway only once its record is on disk, as in production.
    audit.put("mode", "durable");

    // Masking: every built-in detector on every connection (the default, so not spelled out);
    // support leads may read this connection's customer data in clear text. The audit log stores
    // their replies masked all the same.
    root.putObject("masking")
        .putObject("connections")
        .putObject(CONNECTION)
        .putObject("clear_text")
        .putArray("groups")
        .add("support-leads");

    ObjectNode demo = root.putObject("connections").putObject(CONNECTION);
    demo.put("upstream", sampleEndpoint.toString());
    ArrayNode rules = demo.putObject("access").putArray("rules");
    ObjectNode engineers = allow(rules, "engineers", "groups", "engineering");
    engineers.putArray("tools").add("*");
    engineers.putArray("resources").add("*");
    engineers.putArray("prompts").add("*");
    allow(rules, "support", "groups", "support").putArray("tools").add("customer_lookup");
    allow(rules, "ci-services", "kinds", "service").putArray("tools").add("run_query");
    // Nothing else is allowed (default deny): delete_record is the engineers' alone.
    return root;
  }

  /** Adds a rule for those {@code selector} matches and returns its (empty) {@code allow}. */
  private static ObjectNode allow(ArrayNode rules, String name, String selector, String who) {
    ObjectNode rule = rules.addObject().put("name", name);
    rule.putArray(selector).add(who);
    return rule.putObject("allow");
  }
}
