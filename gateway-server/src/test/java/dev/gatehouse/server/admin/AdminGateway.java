package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.audit.note.NoteKeyFiles;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.cli.GatehouseCli;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.e2e.support.RawMcp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gateway for admin API tests: auth against a given issuer (optionally with an admin group),
 * audit on, and its admin state in a given folder, in front of one upstream as connection {@code
 * demo}. Restarting with the same folder is a restart of the same deployment.
 */
final class AdminGateway implements AutoCloseable {
  static final String AUDIENCE = "https://gatehouse.test";
  static final String ADMINS = "gatehouse-admins";

  private final GatewayServer server;

  private AdminGateway(GatewayServer server) {
    this.server = server;
  }

  /** Generates the audit signing key pair in {@code dir} (once per deployment). */
  static void keygen(Path dir) throws Exception {
    NoteKeyFiles.generate(
        "gatehouse-admin-test", dir.resolve("audit.key"), dir.resolve("audit.pub"));
  }

  /**
   * @param authYaml the {@code auth:} section, or an empty string for none
   */
  static AdminGateway start(Path dir, String upstream, String authYaml) {
    String yaml =
        """
        listeners:
          mcp: {host: 127.0.0.1, port: 0}
          admin: {host: 127.0.0.1, port: 0}
        admin:
          stateDir: %s
        audit:
          dir: %s
          privateKeyFile: %s
        connections:
          demo:
            upstream: %s
            access:
              rules:
                - {name: everyone, groups: [support, %s], allow: {tools: ["*"]}}
        """
                .formatted(
                    dir.resolve("state"),
                    dir.resolve("log"),
                    dir.resolve("audit.key"),
                    upstream,
                    ADMINS)
            + authYaml;
    return new AdminGateway(GatewayServer.start(ConfigLoader.fromString(yaml, "admin-test.yaml")));
  }

  static String auth(String issuer, boolean withAdminGroup) {
    return """
        auth:
          issuers: [{issuer: %s}]
          audience: %s
        """
            .formatted(issuer, AUDIENCE)
        + (withAdminGroup ? "  adminGroup: " + ADMINS + "\n" : "");
  }

  GatewayServer server() {
    return server;
  }

  AdminClient admin() {
    return new AdminClient(server.adminPort());
  }

  /** An initialized MCP session on connection {@code demo} for {@code token}. */
  RawMcp session(String token) {
    RawMcp mcp = new RawMcp("http://127.0.0.1:" + server.mcpPort() + "/mcp/demo");
    Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
    RawMcp.Reply init =
        mcp.post(
            """
            {"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"%s",
             "capabilities":{},"clientInfo":{"name":"admin-test","version":"1"}}}"""
                .formatted(RawMcp.PROTOCOL_VERSION),
            auth);
    if (init.status() != 200) {
      throw new AssertionError("initialize failed: " + init);
    }
    mcp.withSession(init.headers().firstValue("mcp-session-id").orElseThrow());
    RawMcp.Reply initialized =
        mcp.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", auth);
    if (initialized.status() != 202) {
      throw new AssertionError("notifications/initialized: " + initialized);
    }
    return mcp;
  }

  /** The text of customer_lookup({@code query}) as the client receives it. */
  static String lookup(RawMcp mcp, String token, String query) {
    RawMcp.Reply reply =
        mcp.post(
            "{\"jsonrpc\":\"2.0\",\"id\":\"q\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"customer_lookup\",\"arguments\":{\"query\":\""
                + query
                + "\"}}}",
            Map.of("Authorization", "Bearer " + token));
    if (reply.status() != 200) {
      throw new AssertionError("customer_lookup failed: " + reply);
    }
    return reply.response("q").path("result").toString();
  }

  /** Every record of the deployment's audit log, in order. */
  static List<JsonNode> records(Path dir) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    LogReader.forEach(
        dir.resolve("log"),
        (index, line) -> {
          JsonNode record = LogReader.parse(line);
          if (record != null) {
            records.add(record);
          }
          return true;
        });
    return records;
  }

  static List<JsonNode> configChanges(Path dir) throws IOException {
    return records(dir).stream()
        .filter(r -> r.path("type").asText().equals("config-change"))
        .toList();
  }

  /** {@code gatehouse audit verify}: exit code and output. */
  static String verify(Path dir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        GatehouseCli.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "audit",
            "verify",
            dir.resolve("log").toString(),
            "--public-key",
            dir.resolve("audit.pub").toString());
    if (code != 0) {
      throw new AssertionError("audit verify exited " + code + ": " + out + err);
    }
    return out.toString();
  }

  @Override
  public void close() {
    server.close();
  }
}
