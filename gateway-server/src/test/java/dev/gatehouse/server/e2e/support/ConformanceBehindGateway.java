package dev.gatehouse.server.e2e.support;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Upstream A (our conformance fixture on the official TypeScript SDK) behind a gateway whose
 * connection {@code a} points at it, once per test class: what the real-client tests talk to.
 */
public final class ConformanceBehindGateway implements BeforeAllCallback, AfterAllCallback {
  private final String logName;
  private Path logs;
  private Fixture upstream;
  private GatewayUnderTest gateway;

  /** {@code logName}: the folder under the test logs for this class's fixture and client logs. */
  public ConformanceBehindGateway(String logName) {
    this.logName = logName;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Repo.requireNodeFixtures();
    logs = Repo.logDir(logName);
    upstream = Fixture.start("conformance", logs);
    gateway = GatewayUnderTest.start(Map.of("a", upstream.mcpUrl()));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (gateway != null) {
      gateway.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  public Path logs() {
    return logs;
  }

  public GatewayUnderTest gateway() {
    return gateway;
  }
}
