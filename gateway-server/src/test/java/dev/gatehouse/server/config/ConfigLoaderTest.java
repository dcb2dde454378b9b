package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final String FULL =
      """
      gateway:
        instance: gw-7
        publicUrl: https://mcp.example.com/
      listeners:
        mcp:
          host: 0.0.0.0
          port: 9443
        admin:
          host: 127.0.0.1
          port: 9444
      http:
        maxBodySize: 1MiB
        maxHeaderSize: 8192
        allowedHosts: [mcp.example.com, "Gateway.Example.com:9443"]
        allowedOrigins: ["https://app.example.com", "*"]
      timeouts:
        connect: 250ms
        response: 10s
        request: 2m
        sseIdle: 1h
      pool:
        maxConnections: 8
        maxPendingAcquires: 0
        idleTimeout: 20s
        maxLifetime: 1h
      connections:
        crm:
          upstream: http://127.0.0.1:3001/mcp
          legacySseUpstream: http://127.0.0.1:3001/sse
          credential:
            header: X-Api-Key
            fromEnv: CRM_KEY
            prefix: "Key "
          access:
            groups: [sales]
          masking:
            detectors: [email]
        tickets:
          upstream: https://tickets.example.com/mcp
      auth:
        issuer: https://idp.example.com
        anything: [goes, here]
      audit:
        dir: /var/lib/gatehouse/audit
      masking:
        rules: []
      policies:
        - name: block-drop
      """;

  @Test
  void everyOwnedKeyIsRead() {
    GatehouseConfig c =
        ConfigLoader.parse(FULL, "full.yaml").resolve(Map.of("CRM_KEY", "s3cret")::get);

    assertThat(c.gateway())
        .isEqualTo(new GatewaySettings("gw-7", "https://mcp.example.com", false));
    assertThat(c.listeners().mcp()).isEqualTo(new ListenerSettings.Endpoint("0.0.0.0", 9443));
    assertThat(c.listeners().admin()).isEqualTo(new ListenerSettings.Endpoint("127.0.0.1", 9444));
    assertThat(c.http())
        .isEqualTo(
            new HttpSettings(
                1 << 20,
                8192,
                List.of("mcp.example.com", "gateway.example.com:9443"),
                List.of("https://app.example.com", "*")));
    assertThat(c.timeouts())
        .isEqualTo(
            new TimeoutSettings(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofMinutes(2),
                Duration.ofHours(1)));
    assertThat(c.pool())
        .isEqualTo(new PoolSettings(8, 0, Duration.ofSeconds(20), Duration.ofHours(1)));

    assertThat(c.connections()).containsOnlyKeys("crm", "tickets");
    ConnectionSettings crm = c.connections().get("crm");
    assertThat(crm.name()).isEqualTo("crm");
    assertThat(crm.upstream()).isEqualTo(URI.create("http://127.0.0.1:3001/mcp"));
    assertThat(crm.legacySseUpstream()).isEqualTo(URI.create("http://127.0.0.1:3001/sse"));
    assertThat(crm.credential())
        .isEqualTo(new ConnectionSettings.UpstreamCredential("X-Api-Key", "Key s3cret"));
    assertThat(crm.credential().toString()).doesNotContain("s3cret");
    ConnectionSettings tickets = c.connections().get("tickets");
    assertThat(tickets.legacySseUpstream()).isNull();
    assertThat(tickets.credential()).isNull();
  }

  @Test
  void featureSectionsAreKeptRawForTheirOwners() {
    GatehouseConfig c =
        ConfigLoader.parse(FULL, "full.yaml").resolve(Map.of("CRM_KEY", "s3cret")::get);

    assertThat(c.section("auth").path("issuer").asText()).isEqualTo("https://idp.example.com");
    assertThat(c.section("auth").path("anything").size()).isEqualTo(2);
    assertThat(c.section("audit").path("dir").asText()).isEqualTo("/var/lib/gatehouse/audit");
    assertThat(c.section("masking").path("rules").isArray()).isTrue();
    assertThat(c.section("policies").get(0).path("name").asText()).isEqualTo("block-drop");
    assertThat(c.section("nonexistent").isMissingNode()).isTrue();
    assertThat(c.sections().at("/connections/crm/access/groups/0").asText()).isEqualTo("sales");
    assertThat(c.sections().at("/connections/crm/masking/detectors/0").asText()).isEqualTo("email");
  }

  @Test
  void locationsNameTheLineOfEveryKey() {
    ConfigLoader loader = ConfigLoader.parse(FULL, "full.yaml");
    GatehouseConfig c = loader.resolve(Map.of("CRM_KEY", "s3cret")::get);

    assertThat(loader.locate("/gateway")).isEqualTo(1);
    assertThat(loader.locate("/gateway/publicUrl")).isEqualTo(3);
    assertThat(loader.locate("/timeouts/connect")).isEqualTo(17);
    assertThat(loader.locate("/http/allowedHosts/1")).isEqualTo(14);
    assertThat(loader.locate("/connections/crm/access/groups")).isEqualTo(35);
    assertThat(loader.locate("/policies/0/name")).isEqualTo(48);
    // Absent keys resolve to their closest ancestor: an error about a missing key points at the
    // mapping it belongs in.
    assertThat(loader.locate("/connections/tickets/credential")).isEqualTo(38);
    assertThat(loader.locate("/nowhere")).isEqualTo(-1);
    assertThat(c.locate("/audit/dir")).isEqualTo(44);
  }

  @Test
  void featureOwnersGetTheLineOfTheirErrors() {
    GatehouseConfig c =
        ConfigLoader.parse(FULL, "full.yaml").resolve(Map.of("CRM_KEY", "s3cret")::get);
    ConfigException fromOwner = new ConfigException("/auth/issuer", "must use https");

    ConfigException located = c.withLine(fromOwner);

    assertThat(located.pointer()).isEqualTo("/auth/issuer");
    assertThat(located.line()).isEqualTo(41);
    assertThat(located.getMessage()).isEqualTo("config key /auth/issuer (line 41): must use https");
    assertThat(located.detail()).isEqualTo("must use https");
  }

  @Test
  void sourceHashIsSha256OfTheFileBytes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("g.yaml");
    String yaml = "connections:\n  a:\n    upstream: http://127.0.0.1:1/mcp  # ünïcode\n";
    Files.writeString(file, yaml);

    GatehouseConfig c = ConfigLoader.load(file);

    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
    assertThat(c.sourceHash()).isEqualTo(expected);
    assertThat(c.locations().sourceName()).isEqualTo(file.toString());
  }

  @Test
  void credentialFromFileIsRelativeToTheConfigFileAndLosesItsTrailingNewline(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/token"), "tok-123\n");
    Path file = dir.resolve("gatehouse.yaml");
    Files.writeString(
        file,
        """
        connections:
          a:
            upstream: http://127.0.0.1:1/mcp
            credential:
              fromFile: secrets/token
              prefix: "Bearer "
        """);

    GatehouseConfig c = ConfigLoader.load(file);

    assertThat(c.connections().get("a").credential())
        .isEqualTo(new ConnectionSettings.UpstreamCredential("Authorization", "Bearer tok-123"));
  }

  @Test
  void exampleConfigLoads() {
    Path example = repoRoot().resolve("config/example.yaml");

    GatehouseConfig c =
        ConfigLoader.parse(example).resolve(Map.of("CRM_MCP_TOKEN", "example-token")::get);

    assertThat(c.connections()).containsOnlyKeys("crm", "tickets");
    assertThat(c.connections().get("crm").credential().value()).isEqualTo("Bearer example-token");
    assertThat(c.gateway().publicUrl()).isEqualTo("https://mcp.example.com");
    // The example documents the defaults: where it states one, it must be the real one.
    assertThat(c.timeouts()).isEqualTo(ConfigDefaults.timeouts());
    assertThat(c.pool()).isEqualTo(ConfigDefaults.pool());
    assertThat(c.http().maxBodyBytes()).isEqualTo(ConfigDefaults.MAX_BODY_BYTES);
    assertThat(c.http().maxHeaderBytes()).isEqualTo(ConfigDefaults.MAX_HEADER_BYTES);
  }

  @Test
  void exampleConfigWithoutItsEnvironmentVariableFailsNamingTheKey() {
    Path example = repoRoot().resolve("config/example.yaml");

    assertThatThrownBy(() -> ConfigLoader.parse(example).resolve(Map.<String, String>of()::get))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.pointer()).isEqualTo("/connections/crm/credential/fromEnv");
              assertThat(e.line()).isPositive();
              assertThat(e.detail()).isEqualTo("environment variable CRM_MCP_TOKEN is not set");
            });
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("gatehouse.repo.root", ".."));
  }
}
