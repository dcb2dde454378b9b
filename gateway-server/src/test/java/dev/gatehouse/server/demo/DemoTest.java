package dev.gatehouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.config.ConfigDefaults;
import dev.gatehouse.server.config.FeatureSections;
import dev.gatehouse.server.config.GatehouseConfig;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

  /** The ports and paths config/demo.yaml has; the running demo's differ only in these. */
  static GatehouseConfig codeAsInTheFile() {
    return DemoConfig.build(
        8080,
        8081,
        URI.create("http://127.0.0.1:3001/mcp"),
        "http://127.0.0.1:8082" + DevTokenIssuer.PATH,
        new DemoFiles(DemoFiles.DEFAULT_ROOT));
  }

  @Test
  void demoConfigIsTheDemoYamlPlusTheDemoProfile() {
    GatehouseConfig file =
        FeatureSections.load(
            Path.of(System.getProperty("gatehouse.repo.root", "..")).resolve("config/demo.yaml"));
    GatehouseConfig code = FeatureSections.check(codeAsInTheFile());

    // Every key of the file, feature sections (auth, audit, access rules) included, and nothing
    // more: the demo's configuration is the file's tree, read by the same loader.
    assertThat(code.sections()).isEqualTo(file.sections());
    assertThat(code.section("auth").isObject()).isTrue();
    assertThat(code.section("audit").isObject()).isTrue();
    assertThat(code.sections().at("/connections/demo/access/rules").size()).isEqualTo(3);
    assertThat(code.gateway().demo()).isTrue();
    assertThat(file.gateway().demo()).isFalse();
    assertThat(code.gateway().instance()).isEqualTo(file.gateway().instance());
    assertThat(code.gateway().publicUrl()).isEqualTo(file.gateway().publicUrl());
    assertThat(code.listeners()).isEqualTo(file.listeners());
    assertThat(code.http()).isEqualTo(file.http());
    assertThat(code.timeouts()).isEqualTo(file.timeouts());
    assertThat(code.pool()).isEqualTo(file.pool());
    assertThat(code.connections()).isEqualTo(file.connections());
  }

  @Test
  void demoConfigListensOnLoopbackOnlyWithLoopbackAllowLists() {
    GatehouseConfig c =
        DemoConfig.build(
            0,
            0,
            URI.create("http://127.0.0.1:1/mcp"),
            "http://127.0.0.1:2/development-only",
            new DemoFiles(Path.of("unused")));

    assertThat(c.listeners().mcp().isLoopback()).isTrue();
    assertThat(c.listeners().admin().isLoopback()).isTrue();
    assertThat(c.http().allowedOrigins()).isEqualTo(ConfigDefaults.LOOPBACK_ORIGINS);
    assertThat(c.sourceHash()).matches("[0-9a-f]{64}");
  }

  @Test
  void demoGatewayPutsTheSampleServerBehindConnectionDemo(@TempDir Path dir) throws Exception {
    try (DemoGateway demo = DemoGateway.start(0, 0, 0, new DemoFiles(dir))) {
      URI upstream = demo.config().connections().get("demo").upstream();
      assertThat(upstream).isEqualTo(demo.sample().endpoint());
      assertThat(demo.config().gateway().demo()).isTrue();
      assertThat(demo.mcpUrl())
          .isEqualTo("http://127.0.0.1:" + demo.gateway().mcpPort() + "/mcp/demo");

      McpHttp client = new McpHttp(upstream);
      client.initialize("2025-11-25");
      assertThat(
              client
                  .request(
                      2,
                      "tools/call",
                      "{\"name\":\"customer_lookup\",\"arguments\":{\"query\":\"turing\"}}")
                  .path("result")
                  .path("structuredContent")
                  .path("customers")
                  .get(0)
                  .path("name")
                  .asText())
          .isEqualTo("Alan Turing");
    }
  }
}
