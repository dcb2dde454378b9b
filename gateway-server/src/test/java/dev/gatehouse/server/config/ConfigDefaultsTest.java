package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every default, against the literal values the records' javadoc and docs promise. */
class ConfigDefaultsTest {
  static final String MINIMAL = "connections:\n  demo:\n    upstream: http://127.0.0.1:3001/mcp\n";

  @Test
  void minimalFileGetsEveryDocumentedDefault() {
    GatehouseConfig c = ConfigLoader.fromString(MINIMAL, "minimal.yaml");

    assertThat(c.gateway().instance()).isNotBlank();
    assertThat(c.gateway().publicUrl()).isEqualTo("http://127.0.0.1:8080");
    assertThat(c.gateway().demo()).isFalse();
    assertThat(c.listeners().mcp()).isEqualTo(new ListenerSettings.Endpoint("127.0.0.1", 8080));
    assertThat(c.listeners().admin()).isEqualTo(new ListenerSettings.Endpoint("127.0.0.1", 8081));
    assertThat(c.http().maxBodyBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(c.http().maxHeaderBytes()).isEqualTo(16 * 1024);
    assertThat(c.http().allowedHosts()).containsExactly("localhost", "127.0.0.1", "[::1]");
    assertThat(c.http().allowedOrigins())
        .containsExactly(
            "http://localhost",
            "https://localhost",
            "http://127.0.0.1",
            "https://127.0.0.1",
            "http://[::1]",
            "https://[::1]");
    assertThat(c.timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.timeouts().response()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.timeouts().request()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.timeouts().sseIdle()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.pool().maxConnections()).isEqualTo(64);
    assertThat(c.pool().maxPendingAcquires()).isEqualTo(1024);
    assertThat(c.pool().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.pool().maxLifetime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.connections().get("demo").credential()).isNull();
    assertThat(c.connections().get("demo").legacySseUpstream()).isNull();
  }

  @Test
  void nullSectionsMeanDefaultsToo() {
    GatehouseConfig c =
        ConfigLoader.fromString("gateway:\nhttp:\ntimeouts: ~\npool:\n" + MINIMAL, "nulls.yaml");

    assertThat(c.timeouts()).isEqualTo(ConfigDefaults.timeouts());
    assertThat(c.pool()).isEqualTo(ConfigDefaults.pool());
  }

  @Test
  void nonLoopbackListenerHasNoHostListAndAcceptsNoOriginByDefault() {
    GatehouseConfig c =
        ConfigLoader.fromString(
            "listeners:\n  mcp:\n    host: 0.0.0.0\n    port: 80\n" + MINIMAL, "public.yaml");

    assertThat(c.http().allowedHosts()).isEmpty();
    assertThat(c.http().allowedOrigins()).isEmpty();
    assertThat(c.gateway().publicUrl()).isEqualTo("http://0.0.0.0:80");
  }

  @Test
  void ipv6LoopbackListenerGetsBracketsInThePublicUrl() {
    GatehouseConfig c =
        ConfigLoader.fromString("listeners:\n  mcp:\n    host: \"::1\"\n" + MINIMAL, "v6.yaml");

    assertThat(c.gateway().publicUrl()).isEqualTo("http://[::1]:8080");
    assertThat(c.http().allowedHosts()).isEqualTo(ConfigDefaults.LOOPBACK_HOSTS);
  }

  @Test
  void explicitEmptyListsOverrideTheLoopbackDefaults() {
    GatehouseConfig c =
        ConfigLoader.fromString(
            "http:\n  allowedHosts: []\n  allowedOrigins: []\n" + MINIMAL, "open.yaml");

    assertThat(c.http().allowedHosts()).isEqualTo(List.of());
    assertThat(c.http().allowedOrigins()).isEqualTo(List.of());
  }
}
