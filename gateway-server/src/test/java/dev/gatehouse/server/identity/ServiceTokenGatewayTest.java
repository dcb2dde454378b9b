package dev.gatehouse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.cli.GatehouseCli;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.demo.SampleMcpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * CI service tokens made with the real CLI and used through the running gateway (create, use,
 * revoke, expire), and an IdP that goes away mid-run: cached keys keep validating tokens.
 */
class ServiceTokenGatewayTest {
  private static final String AUDIENCE = "https://gatehouse.test";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"ci\",\"version\":\"1\"}}}";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new GatehouseCli());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(out));
    assertThat(cmd.execute(args)).as(out.toString()).isZero();
    return out.toString();
  }

  private static String created(String output, String group) {
    Matcher m = Pattern.compile("^(gh_svc_\\S+)$", Pattern.MULTILINE).matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }

  private int status(GatewayServer gateway, String token) throws Exception {
    return http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.mcpPort() + "/mcp/demo"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private String config(String issuer, Path store, URI upstream) {
    return """
        listeners:
          mcp: {host: 127.0.0.1, port: 0}
          admin: {host: 127.0.0.1, port: 0}
        auth:
          issuers: [{issuer: %s}]
          audience: %s
          serviceTokens: {store: %s, recheck: 100ms}
        connections:
          demo:
            upstream: %s
            access:
              rules:
                - {name: ci, groups: [ci], allow: {tools: ["*"]}}
                - {name: people, groups: [engineering], allow: {tools: ["*"]}}
        """
        .formatted(issuer, AUDIENCE, store, upstream);
  }

  @Test
  void serviceTokensFromTheCliAreUsedRevokedAndExpire() throws Exception {
    Path store = dir.resolve("tokens.json");
    String longLived =
        created(
            cli(
                "token",
                "create",
                "--name",
                "deploy",
                "--groups",
                "ci",
                "--expires",
                "90d",
                "--store",
                store.toString()),
            "ci");
    String shortLived =
        created(
            cli(
                "token",
                "create",
                "--name",
                "nightly",
                "--groups",
                "ci",
                "--expires",
                "3s",
                "--store",
                store.toString()),
            "ci");
    assertThat(cli("token", "list", "--store", store.toString()))
        .contains("deploy")
        .contains("nightly")
        .doesNotContain(longLived);
    MockOAuth2Server idp = new MockOAuth2Server();
    idp.start();
    try (SampleMcpServer upstream = SampleMcpServer.start("127.0.0.1", 0);
        GatewayServer gateway =
            GatewayServer.start(
                ConfigLoader.fromString(
                    config(idp.issuerUrl("corp").toString(), store, upstream.endpoint()),
                    "svc.yaml"))) {
      assertThat(status(gateway, longLived)).isEqualTo(200);
      assertThat(status(gateway, shortLived)).isEqualTo(200);
      assertThat(status(gateway, longLived.substring(0, longLived.length() - 2) + "xx"))
          .isEqualTo(401);

      String id =
          longLived.substring("gh_svc_".length(), longLived.indexOf('_', "gh_svc_".length()));
      cli("token", "revoke", id, "--store", store.toString());
      assertThat(awaitStatus(gateway, longLived, 401)).as("revoked token refused").isEqualTo(401);
      assertThat(awaitStatus(gateway, shortLived, 401)).as("expired token refused").isEqualTo(401);
    } finally {
      idp.shutdown();
    }
  }

  @Test
  void aGatewayWithServiceTokensOnlyNeedsNoIdp() throws Exception {
    Path store = dir.resolve("only-tokens.json");
    String token =
        created(
            cli(
                "token",
                "create",
                "--name",
                "ci",
                "--groups",
                "ci",
                "--expires",
                "1d",
                "--store",
                store.toString()),
            "ci");
    String yaml =
        """
        listeners:
          mcp: {host: 127.0.0.1, port: 0}
          admin: {host: 127.0.0.1, port: 0}
        auth:
          audience: %s
          serviceTokens: {store: %s}
        connections:
          demo:
            upstream: %s
            access:
              rules:
                - {name: ci, groups: [ci], allow: {tools: ["*"]}}
        """;
    try (SampleMcpServer upstream = SampleMcpServer.start("127.0.0.1", 0);
        GatewayServer gateway =
            GatewayServer.start(
                ConfigLoader.fromString(
                    yaml.formatted(AUDIENCE, store, upstream.endpoint()), "tokens-only.yaml"))) {
      assertThat(status(gateway, token)).isEqualTo(200);
      assertThat(status(gateway, "gh_svc_unknown_token")).isEqualTo(401);
    }
  }

  /** Polls until {@code expected} (a revoke or an expiry takes effect), bounded at 30 s. */
  private int awaitStatus(GatewayServer gateway, String token, int expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int status;
    do {
      status = status(gateway, token);
      if (status == expected) {
        return status;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    } while (System.nanoTime() < deadline);
    return status;
  }

  @Test
  void cachedKeysKeepWorkingWhenTheIdpGoesDownMidRun() throws Exception {
    MockOAuth2Server idp = new MockOAuth2Server();
    idp.start();
    String issuer = idp.issuerUrl("corp").toString();
    try (SampleMcpServer upstream = SampleMcpServer.start("127.0.0.1", 0);
        GatewayServer gateway =
            GatewayServer.start(
                ConfigLoader.fromString(
                    config(issuer, dir.resolve("none.json"), upstream.endpoint()),
                    "idp-down.yaml"))) {
      String before =
          idp.issueToken("corp", "ada", AUDIENCE, Map.of("groups", List.of("engineering")), 3600)
              .serialize();
      assertThat(status(gateway, before)).isEqualTo(200);
      String minted =
          idp.issueToken("corp", "bob", AUDIENCE, Map.of("groups", List.of("engineering")), 3600)
              .serialize();
      idp.shutdown();
      // A token never seen before, validated with the keys cached before the IdP went away.
      assertThat(status(gateway, minted)).isEqualTo(200);
    }
  }
}
