package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvedConfigWriterTest {

  @Test
  void printsEveryResolvedValueInTheFileSyntaxWithSecretsRedacted() {
    GatehouseConfig c =
        ConfigLoader.parse(ConfigLoaderTest.FULL, "full.yaml")
            .resolve(Map.of("CRM_KEY", "s3cret-value")::get);

    String yaml = ResolvedConfigWriter.toYaml(c);

    assertThat(yaml).doesNotContain("s3cret-value");
    assertThat(yaml)
        .contains("maxBodySize: 1MiB")
        .contains("maxHeaderSize: 8KiB")
        .contains("connect: 250ms")
        .contains("request: 2m")
        .contains("fromEnv: CRM_KEY")
        .contains("value: <redacted>")
        .contains("issuer: https://idp.example.com");
  }

  @Test
  void outputOfAResolvedFileLoadsBackToTheSameSettings() {
    GatehouseConfig c =
        ConfigLoader.fromString(
            "gateway:\n  instance: x\n" + ConfigDefaultsTest.MINIMAL, "minimal.yaml");

    GatehouseConfig again = ConfigLoader.fromString(ResolvedConfigWriter.toYaml(c), "printed");

    assertThat(again.gateway()).isEqualTo(c.gateway());
    assertThat(again.listeners()).isEqualTo(c.listeners());
    assertThat(again.http()).isEqualTo(c.http());
    assertThat(again.timeouts()).isEqualTo(c.timeouts());
    assertThat(again.pool()).isEqualTo(c.pool());
    assertThat(again.connections()).isEqualTo(c.connections());
  }
}
