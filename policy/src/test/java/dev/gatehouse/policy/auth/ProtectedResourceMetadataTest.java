package dev.gatehouse.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectedResourceMetadataTest {
  @Test
  void connectionDocumentFollowsRfc9728() {
    URI gw = URI.create("https://gw.example.com/");
    assertThat(ProtectedResourceMetadata.metadataUrl(gw, "github"))
        .isEqualTo("https://gw.example.com/.well-known/oauth-protected-resource/mcp/github");
    var doc =
        ProtectedResourceMetadata.json(
            gw, "github", List.of("https://idp.example.com/realms/corp"), List.of("mcp:tools"));
    assertThat(doc.get("resource").asText()).isEqualTo("https://gw.example.com/mcp/github");
    assertThat(doc.get("authorization_servers").get(0).asText())
        .isEqualTo("https://idp.example.com/realms/corp");
    assertThat(doc.get("scopes_supported").get(0).asText()).isEqualTo("mcp:tools");
    assertThat(doc.get("bearer_methods_supported").get(0).asText()).isEqualTo("header");
  }

  @Test
  void rootFormAndPathPrefix() {
    URI gw = URI.create("https://example.com:8443/gateway");
    assertThat(ProtectedResourceMetadata.metadataUrl(gw, null))
        .isEqualTo("https://example.com:8443/.well-known/oauth-protected-resource/gateway");
    assertThat(ProtectedResourceMetadata.metadataUrl(gw, "a"))
        .isEqualTo("https://example.com:8443/.well-known/oauth-protected-resource/gateway/mcp/a");
    var doc = ProtectedResourceMetadata.json(gw, null, List.of("https://idp"), List.of());
    assertThat(doc.get("resource").asText()).isEqualTo("https://example.com:8443/gateway");
    assertThat(doc.has("scopes_supported")).isFalse();
    assertThatThrownBy(() -> ProtectedResourceMetadata.metadataUrl(gw, "../x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
