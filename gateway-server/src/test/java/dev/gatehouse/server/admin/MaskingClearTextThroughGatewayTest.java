package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.e2e.support.RawMcp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masking's {@code clear_text} grant through a running gateway, with real OIDC tokens
 * (mock-oauth2-server), the demo's sample server and audit on: the same customer_lookup is masked
 * for a support agent and clear for a support lead; the audit log holds the masked copy for both,
 * and says the lead's was sent in clear. The grant comes from the configuration file or from the
 * admin API (whole rules as JSON), and a misspelt key stops the start.
 */
class MaskingClearTextThroughGatewayTest {
  private static final String RULES = "/admin/masking/rules";
  private static final List<String> ADA =
      List.of("ada.lovelace@example.com", "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32");
  private static final String LEAD_GRANT =
      """
      masking:
        connections:
          demo: {clear_text: {groups: [support-leads]}}
      """;

  @RegisterExtension static final IdpAndSampleServer ENV = new IdpAndSampleServer();

  @TempDir Path dir;

  private static String token(String subject, List<String> groups) {
    return ENV.idp()
        .issueToken("corp", subject, AdminGateway.AUDIENCE, Map.of("groups", groups), 3600)
        .serialize();
  }

  private static final String AGENT = "sam";
  private static final String LEAD = "lee";

  private static String agent() {
    return token(AGENT, List.of("support"));
  }

  private static String lead() {
    return token(LEAD, List.of("support", "support-leads"));
  }

  private AdminGateway gateway(String extraYaml) throws Exception {
    if (!Files.exists(dir.resolve("audit.key"))) {
      AdminGateway.keygen(dir);
    }
    return AdminGateway.start(
        dir,
        ENV.upstream().endpoint().toString(),
        AdminGateway.auth(ENV.issuer(), true) + extraYaml);
  }

  private static JsonNode json(String text) throws Exception {
    return JsonRpcParser.MAPPER.readTree(text);
  }

  /** The audit records of {@code subject}'s customer lookups, in order. */
  private List<JsonNode> lookups(String subject) throws Exception {
    return AdminGateway.records(dir).stream()
        .filter(r -> r.path("type").asText().equals("exchange"))
        .filter(r -> r.path("target").asText().equals("customer_lookup"))
        .filter(r -> r.at("/identity/subject").asText().equals(subject))
        .toList();
  }

  private static List<String> clearIn(String text) {
    return ADA.stream().filter(text::contains).toList();
  }

  @Test
  void theSameCallIsMaskedForTheAgentAndClearForTheLeadAndAuditedMaskedForBoth() throws Exception {
    String agentResult;
    String leadResult;
    try (AdminGateway gw = gateway(LEAD_GRANT)) {
      String agent = agent();
      String lead = lead();
      agentResult = AdminGateway.lookup(gw.session(agent), agent, "ada");
      leadResult = AdminGateway.lookup(gw.session(lead), lead, "ada");
    }

    assertThat(clearIn(agentResult)).isEmpty();
    assertThat(agentResult).contains("[EMAIL]", "[CREDIT_CARD]", "[IBAN]", "Ada Lovelace");
    assertThat(clearIn(leadResult)).isEqualTo(ADA);
    assertThat(leadResult).doesNotContain("[EMAIL]");

    JsonNode agentRecord = lookups(AGENT).get(0);
    JsonNode leadRecord = lookups(LEAD).get(0);
    assertThat(clearIn(leadRecord.toString())).as("the audit log holds no clear text").isEmpty();
    assertThat(agentRecord.at("/response/result")).isEqualTo(json(agentResult));
    // The lead's record holds exactly what the agent was sent: the same call, masked.
    assertThat(leadRecord.path("response")).isEqualTo(agentRecord.path("response"));
    assertThat(leadRecord.path("clearText").asText()).isEqualTo("group:support-leads");
    assertThat(agentRecord.has("clearText")).isFalse();
    assertThat(leadRecord.path("maskCounts")).isEqualTo(agentRecord.path("maskCounts"));
    assertThat(leadRecord.at("/maskCounts/email").asInt()).isPositive();
    assertThat(leadRecord.at("/decision/outcome").asText()).isEqualTo("allowed");
    assertThat(AdminGateway.verify(dir)).isNotBlank();
  }

  @Test
  void theAdminApiReturnsAndAcceptsTheGrantAsPartOfTheWholeRules() throws Exception {
    String alice = token("alice", List.of(AdminGateway.ADMINS));
    String lead = lead();
    try (AdminGateway gw = gateway("")) {
      RawMcp mcp = gw.session(lead);
      assertThat(clearIn(AdminGateway.lookup(mcp, lead, "ada"))).isEmpty();

      AdminClient.Reply read = gw.admin().send("GET", RULES, alice, null);
      assertThat(read.json().path("clear_text")).isEqualTo(json("{\"groups\":[],\"subjects\":[]}"));
      ObjectNode rules = (ObjectNode) read.json();
      rules.putObject("clear_text").putArray("subjects").add(LEAD);

      AdminClient.Reply put = gw.admin().send("PUT", RULES, alice, rules.toString());
      assertThat(put.status()).as(put.toString()).isEqualTo(200);
      assertThat(put.json().at("/clear_text/subjects/0").asText()).isEqualTo(LEAD);
      assertThat(clearIn(AdminGateway.lookup(mcp, lead, "ada"))).isEqualTo(ADA);

      AdminClient.Reply misspelt =
          gw.admin().send("PUT", RULES, alice, "{\"clear_text\":{\"subject\":[\"" + LEAD + "\"]}}");
      assertThat(misspelt.status()).isEqualTo(400);
      assertThat(misspelt.json().path("message").asText())
          .contains("clear_text")
          .contains("unknown option 'subject'");
      assertThat(clearIn(AdminGateway.lookup(mcp, lead, "ada"))).isEqualTo(ADA);
    }
    JsonNode change = AdminGateway.configChanges(dir).get(0);
    assertThat(change.at("/detail/after/clear_text/subjects/0").asText()).isEqualTo(LEAD);
    List<JsonNode> records = lookups(LEAD);
    assertThat(records).hasSize(3);
    assertThat(records.get(0).has("clearText")).isFalse();
    assertThat(records.get(1).path("clearText").asText()).isEqualTo("subject:" + LEAD);
    records.forEach(r -> assertThat(clearIn(r.toString())).isEmpty());
  }

  @Test
  void aMisspeltGrantStopsTheStartNamingTheKey() throws Exception {
    assertThatThrownBy(() -> gateway("masking:\n  clear_text: {group: [support-leads]}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("clear_text")
        .hasMessageContaining("unknown option 'group'");
  }
}
