package dev.gatehouse.server.admin;

import dev.gatehouse.server.demo.SampleMcpServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OIDC provider (issuer {@code corp}) and the demo's sample MCP server, started once per
 * test class: what the admin-API tests put a gateway between.
 */
final class IdpAndSampleServer implements BeforeAllCallback, AfterAllCallback {
  private MockOAuth2Server idp;
  private SampleMcpServer upstream;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    idp = new MockOAuth2Server();
    idp.start();
    upstream = SampleMcpServer.start("127.0.0.1", 0);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (upstream != null) {
      upstream.close();
    }
    if (idp != null) {
      idp.shutdown();
    }
  }

  MockOAuth2Server idp() {
    return idp;
  }

  SampleMcpServer upstream() {
    return upstream;
  }

  String issuer() {
    return idp.issuerUrl("corp").toString();
  }
}
