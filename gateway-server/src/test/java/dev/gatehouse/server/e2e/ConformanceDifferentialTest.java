package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.e2e.support.Conformance;
import dev.gatehouse.server.e2e.support.Fixture;
import dev.gatehouse.server.e2e.support.GatewayUnderTest;
import dev.gatehouse.server.e2e.support.Repo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite ({@code @modelcontextprotocol/conformance} 0.1.16, active server suite) run
 * directly against each upstream and through the gateway: the gateway must not lose a scenario an
 * upstream passes, and it adds DNS-rebinding protection an upstream lacks.
 */
class ConformanceDifferentialTest {
  private static final String EVERYTHING_BASELINE =
      "testing/baselines/everything-expected-failures.yml";

  private static Path logs;
  private static Fixture upstreamA;
  private static Fixture everything;
  private static GatewayUnderTest gateway;
  private static Conformance upstreamADirect;

  @BeforeAll
  static void start() {
    Repo.requireNodeFixtures();
    logs = Repo.logDir("conformance");
    upstreamA = Fixture.start("conformance", logs);
    everything = Fixture.start("everything", logs);
    gateway =
        GatewayUnderTest.start(Map.of("a", upstreamA.mcpUrl(), "everything", everything.mcpUrl()));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (upstreamA != null) {
      upstreamA.close();
    }
    if (everything != null) {
      everything.close();
    }
  }

  /** Upstream A run directly, once: both upstream A tests compare with it. */
  private static synchronized Conformance upstreamADirect() {
    if (upstreamADirect == null) {
      upstreamADirect = Conformance.run(upstreamA.localhostMcpUrl(), logs, "a-direct", null);
    }
    return upstreamADirect;
  }

  @Test
  void upstreamAPassesEveryScenarioDirectly() {
    Conformance direct = upstreamADirect();

    assertThat(direct.exitCode()).as(direct.describe()).isZero();
    assertThat(direct.summary()).as(direct.describe()).endsWith(" 0 failed (scenarios)");
    assertThat(direct.passed()).as(direct.describe()).contains("server-initialize", "ping");
  }

  @Test
  void upstreamAPassesEveryScenarioThroughTheGateway() {
    Conformance direct = upstreamADirect();
    Conformance proxied = Conformance.run(gateway.url("a"), logs, "a-gateway", null);

    assertThat(proxied.exitCode()).as(proxied.describe()).isZero();
    assertThat(proxied.summary()).as(proxied.describe()).endsWith(" 0 failed (scenarios)");
    // The same scenarios, not merely "no failure": a run that skipped scenarios would not do.
    assertThat(proxied.passed()).as(proxied.describe()).isEqualTo(direct.passed());
  }

  @Test
  void everythingPassesThroughTheGatewayWhatItPassesDirectlyPlusDnsRebindingProtection() {
    Conformance direct = Conformance.run(everything.localhostMcpUrl(), logs, "b-direct", null);
    Conformance proxied =
        Conformance.run(gateway.url("everything"), logs, "b-gateway", EVERYTHING_BASELINE);

    assertThat(direct.passed())
        .as("server-everything directly\n" + direct.describe())
        .contains("server-initialize", "tools-list")
        .doesNotContain("dns-rebinding-protection");
    Set<String> expected = new TreeSet<>(direct.passed());
    expected.add("dns-rebinding-protection");
    // Exit 0 with the baseline: exactly the baselined scenarios fail (stale entries fail too).
    assertThat(proxied.exitCode()).as(proxied.describe()).isZero();
    assertThat(proxied.passed()).as(proxied.describe()).containsAll(expected);
  }
}
