package dev.gatehouse.server.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.audit.note.NoteKeyFiles;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.server.demo.SampleMcpServer;
import dev.gatehouse.server.e2e.support.Fixture;
import dev.gatehouse.server.e2e.support.GatewayUnderTest;
import dev.gatehouse.server.e2e.support.RawMcp;
import dev.gatehouse.server.e2e.support.Repo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masking with the default rules through a running gateway, against the demo's sample server (JSON
 * replies) and the Node fixture (SSE replies): no email, phone, card number or IBAN reaches the
 * client in clear, neither in the text blocks nor in {@code structuredContent}, and the audit
 * record holds the reply as masked plus the counts of what was masked.
 */
class MaskingThroughGatewayTest {
  private static final List<String> SENSITIVE_FIELDS =
      List.of("email", "phone", "card_number", "iban");

  @TempDir Path dir;

  @Test
  void jsonReplyFromTheSampleServerIsMaskedAndAuditedAsMasked() throws Exception {
    NoteKeyFiles.generate("masking-test", dir.resolve("audit.key"), dir.resolve("audit.pub"));
    String audit =
        """
        audit:
          dir: %s
          privateKeyFile: %s
        """
            .formatted(dir.resolve("log"), dir.resolve("audit.key"));
    try (SampleMcpServer upstream = SampleMcpServer.start("127.0.0.1", 0)) {
      // What the server really sends, read directly: the values that must not get through.
      RawMcp direct = new RawMcp(upstream.endpoint().toString());
      direct.initialize();
      JsonNode clear =
          direct.callTool("all", "customer_lookup", "{\"query\":\"*\"}", null).response("all");
      List<String> values = new ArrayList<>();
      for (JsonNode customer : clear.at("/result/structuredContent/customers")) {
        SENSITIVE_FIELDS.forEach(f -> values.add(customer.path(f).asText()));
      }
      assertThat(values).hasSizeGreaterThanOrEqualTo(12).doesNotContain("");
      assertThat(ClearValues.leaked(clear.toString(), values)).isEqualTo(values);

      RawMcp.Reply reply;
      try (GatewayUnderTest gateway =
          GatewayUnderTest.start(Map.of("demo", upstream.endpoint()), audit)) {
        RawMcp client = new RawMcp(gateway.url("demo"));
        client.initialize();
        reply = client.callTool("masked", "customer_lookup", "{\"query\":\"*\"}", null);
      }
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.isSse()).isFalse();
      assertThat(ClearValues.leaked(reply.body(), values)).as(reply.body()).isEmpty();
      JsonNode result = reply.response("masked").path("result");
      int customers = clear.at("/result/structuredContent/count").asInt();
      assertThat(result.at("/structuredContent/count").asInt()).isEqualTo(customers);
      JsonNode first = result.at("/structuredContent/customers/0");
      assertThat(first.path("email").asText()).isEqualTo("[EMAIL]");
      assertThat(first.path("card_number").asText()).isEqualTo("[CREDIT_CARD]");
      assertThat(first.path("iban").asText()).isEqualTo("[IBAN]");
      assertThat(first.path("phone").asText()).isEqualTo("[PHONE]");
      assertThat(first.path("name").asText())
          .isEqualTo(clear.at("/result/structuredContent/customers/0/name").asText());
      assertThat(result.at("/content/0/text").asText()).contains("[EMAIL]").contains("[IBAN]");

      JsonNode record = auditRecord(dir, "masked");
      assertThat(ClearValues.leaked(record.toString(), values)).isEmpty();
      assertThat(record.path("response")).isEqualTo(reply.response("masked"));
      JsonNode counts = record.path("maskCounts");
      for (String detector : List.of("email", "phone", "credit_card", "iban")) {
        // Each value is in structuredContent and again in the text block.
        assertThat(counts.path(detector).asInt())
            .as(detector)
            .isGreaterThanOrEqualTo(2 * customers);
      }
    }
  }

  @Test
  void sseReplyFromTheNodeFixtureIsMasked() {
    Path logs = Repo.logDir("masking");
    List<String> values =
        List.of(
            "ada.lovelace@example.com",
            "+44 20 7946 0958",
            "4111 1111 1111 1111",
            "GB82 WEST 1234 5698 7654 32");
    try (Fixture fixture = Fixture.start("conformance", logs);
        GatewayUnderTest gateway = GatewayUnderTest.start(Map.of("a", fixture.mcpUrl()))) {
      RawMcp direct = new RawMcp(fixture.localhostMcpUrl());
      direct.initialize();
      RawMcp.Reply clear = direct.callTool(1, "gh_sensitive", "{}", null);
      assertThat(ClearValues.leaked(clear.body(), values)).isEqualTo(values);

      RawMcp client = new RawMcp(gateway.url("a"));
      client.initialize();
      RawMcp.Reply reply = client.callTool(2, "gh_sensitive", "{}", null);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.isSse()).as(reply.toString()).isTrue();
      assertThat(ClearValues.leaked(reply.body(), values)).as(reply.body()).isEmpty();
      JsonNode result = reply.response(2).path("result");
      assertThat(result.at("/structuredContent/customer/email").asText()).isEqualTo("[EMAIL]");
      assertThat(result.at("/structuredContent/customer/card").asText()).isEqualTo("[CREDIT_CARD]");
      assertThat(result.at("/structuredContent/customer/name").asText()).isEqualTo("Ada Lovelace");
      assertThat(result.at("/content/0/text").asText()).contains("[PHONE]").contains("[IBAN]");
      assertThat(result.at("/content/1/text").asText()).contains("[EMAIL]");
    }
  }

  private static JsonNode auditRecord(Path dir, String jsonrpcId) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    LogReader.forEach(
        dir.resolve("log"),
        (index, line) -> {
          JsonNode record = LogReader.parse(line);
          if (record != null && record.path("jsonrpcId").asText().equals(jsonrpcId)) {
            found.add(record);
          }
          return true;
        });
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
