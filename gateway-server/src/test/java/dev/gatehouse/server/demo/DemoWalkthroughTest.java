package dev.gatehouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.server.cli.GatehouseCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer does after {@code gatehouse demo}, end to end: start the real demo, paste the
 * printed curl sequence into bash, stop the demo, then read and verify the audit log with the
 * printed commands. The whole run happens once, in {@link #runTheDemo}; each test checks one thing
 * a newcomer is told they will see.
 */
class DemoWalkthroughTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path workDir;

  private static DemoFiles files;
  private static Map<String, Step> steps;
  private static Map<DemoIdentity, String> tokens;
  private static Cli verifyWhileRunning;

  /** One {@code == title} section of the script's output: the reply and its HTTP status. */
  record Step(int status, JsonNode reply) {}

  record Cli(int code, String out, String err) {
    static Cli run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = GatehouseCli.execute(new PrintWriter(out), new PrintWriter(err), args);
      return new Cli(code, out.toString(), err.toString());
    }
  }

  @BeforeAll
  static void runTheDemo() throws Exception {
    files = new DemoFiles(workDir.resolve("gatehouse-demo"));
    String output;
    try (DemoGateway demo = DemoGateway.start(0, 0, 0, files)) {
      tokens = demo.tokens();
      output = bash(DemoInstructions.curlScript(demo.mcpUrl(), tokens));
      // Checkpoints come at least once a second: a log younger than its first checkpoint is
      // legitimately not yet verifiable, so poll (bounded) instead of racing the checkpointer.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      do {
        verifyWhileRunning = verify();
        if (verifyWhileRunning.code() == 0) {
          break;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
      } while (System.nanoTime() < deadline);
    }
    steps = parse(output);
  }

  private static String bash(String script) throws IOException, InterruptedException {
    Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();
    return output;
  }

  /** Splits the output at the script's {@code == title} lines. */
  private static Map<String, Step> parse(String output) throws IOException {
    Map<String, Step> parsed = new LinkedHashMap<>();
    String[] sections = output.split("(?m)^== ");
    assertThat(sections[0]).as("nothing before the first step: " + output).isBlank();
    for (int i = 1; i < sections.length; i++) {
      String section = sections[i];
      String title = section.substring(0, section.indexOf('\n'));
      String body = section.substring(section.indexOf('\n') + 1);
      int arrow = body.lastIndexOf("\n  -> HTTP ");
      assertThat(arrow).as(section).isPositive();
      int status = Integer.parseInt(body.substring(arrow + 11).trim());
      parsed.put(title, new Step(status, JSON.readTree(body.substring(0, arrow))));
    }
    return parsed;
  }

  private static Step step(String titleStart) {
    return steps.entrySet().stream()
        .filter(e -> e.getKey().startsWith(titleStart))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step '" + titleStart + "' in " + steps.keySet()));
  }

  private static List<String> toolNames(Step step) {
    List<String> names = new ArrayList<>();
    step.reply().path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  private static Cli verify() {
    return Cli.run(
        "audit",
        "verify",
        files.auditDir().toString(),
        "--public-key",
        files.auditPublicKey().toString());
  }

  private static List<JsonNode> records() throws IOException {
    List<JsonNode> records = new ArrayList<>();
    LogReader.forEach(
        files.auditDir(),
        (i, line) -> {
          records.add(LogReader.parse(line));
          return true;
        });
    return records;
  }

  private static List<JsonNode> exchanges(String subject, String target) throws IOException {
    return records().stream()
        .filter(r -> "exchange".equals(r.path("type").asText()))
        .filter(r -> subject.equals(r.path("identity").path("subject").asText()))
        .filter(r -> target.equals(r.path("target").asText()))
        .toList();
  }

  @Test
  void theScriptRunsEveryStepInOrder() {
    assertThat(steps.keySet())
        .containsExactly(
            "support agent: tools/list (only customer_lookup is listed)",
            "support agent: customer_lookup (allowed; email, phone, card and IBAN masked)",
            "support lead: the same customer_lookup (clear text for group support-leads)",
            "support agent: delete_record (refused: HTTP 403 and a JSON-RPC error)",
            "engineer: tools/list (every tool is listed)",
            "engineer: delete_record (allowed)",
            "CI pipeline: run_query (allowed)",
            "CI pipeline: customer_lookup (refused: HTTP 403)");
  }

  @Test
  void theSupportAgentSeesAndCallsCustomerLookupOnly() {
    assertThat(step("support agent: tools/list").status()).isEqualTo(200);
    assertThat(toolNames(step("support agent: tools/list"))).containsExactly("customer_lookup");

    Step lookup = step("support agent: customer_lookup");
    assertThat(lookup.status()).isEqualTo(200);
    assertThat(lookup.reply().path("result").path("isError").asBoolean(true)).isFalse();
    assertThat(lookup.reply().path("result").path("structuredContent").path("count").asInt())
        .isPositive();
  }

  @Test
  void theSameLookupIsMaskedForTheSupportAgentAndClearForTheSupportLead() {
    Step agent = step("support agent: customer_lookup");
    Step lead = step("support lead: the same customer_lookup");
    JsonNode masked = agent.reply().at("/result/structuredContent/customers/0");
    JsonNode clear = lead.reply().at("/result/structuredContent/customers/0");

    assertThat(lead.status()).isEqualTo(200);
    assertThat(masked.path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(clear.path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(masked.path("email").asText()).isEqualTo("[EMAIL]");
    assertThat(masked.path("card_number").asText()).isEqualTo("[CREDIT_CARD]");
    assertThat(masked.path("iban").asText()).isEqualTo("[IBAN]");
    assertThat(masked.path("phone").asText()).isEqualTo("[PHONE]");
    assertThat(clear.path("email").asText()).isEqualTo("ada.lovelace@example.com");
    assertThat(clear.path("card_number").asText()).isEqualTo("4111 1111 1111 1111");
    assertThat(clear.path("iban").asText()).isEqualTo("GB82 WEST 1234 5698 7654 32");
    assertThat(agent.reply().toString()).doesNotContain("ada.lovelace@example.com");
    assertThat(lead.reply().at("/result/content/0/text").asText())
        .contains("ada.lovelace@example.com");
  }

  @Test
  void theLeadsClearTextReplyIsAuditedMaskedAndMarked() throws IOException {
    JsonNode agent = exchanges(DemoIdentity.SUPPORT.subject(), "customer_lookup").get(0);
    JsonNode lead = exchanges(DemoIdentity.SUPPORT_LEAD.subject(), "customer_lookup").get(0);

    assertThat(lead.path("clearText").asText()).isEqualTo("group:support-leads");
    assertThat(agent.has("clearText")).isFalse();
    assertThat(lead.toString()).doesNotContain("ada.lovelace@example.com");
    // Both replies answered id 3 to the same call: the lead's record is what the agent was sent.
    assertThat(lead.path("response")).isEqualTo(agent.path("response"));
    assertThat(lead.path("response")).isEqualTo(step("support agent: customer_lookup").reply());
    assertThat(lead.at("/maskCounts/email").asInt()).isPositive();

    Cli show =
        Cli.run(
            "audit",
            "show",
            files.auditDir().toString(),
            "--subject",
            DemoIdentity.SUPPORT_LEAD.subject());
    assertThat(show.code()).as(show.err()).isZero();
    assertThat(show.out()).contains("customer_lookup").contains("clearText=group:support-leads");
  }

  @Test
  void theSupportAgentsDeleteIsRefusedWith403AndAJsonRpcError() {
    Step delete = step("support agent: delete_record");

    assertThat(delete.status()).isEqualTo(403);
    assertThat(delete.reply().path("id").asInt()).isEqualTo(4);
    assertThat(delete.reply().has("result")).isFalse();
    assertThat(delete.reply().path("error").path("code").asInt()).isEqualTo(-32001);
    assertThat(delete.reply().path("error").path("message").asText()).contains("delete_record");
  }

  @Test
  void theEngineerSeesEveryToolAndMayDelete() {
    assertThat(toolNames(step("engineer: tools/list")))
        .containsExactlyInAnyOrder("customer_lookup", "run_query", "delete_record");
    assertThat(toolNames(step("engineer: tools/list")))
        .isNotEqualTo(toolNames(step("support agent: tools/list")));

    Step delete = step("engineer: delete_record");
    assertThat(delete.status()).isEqualTo(200);
    assertThat(delete.reply().path("result").path("content").get(0).path("text").asText())
        .startsWith("Deleted 1 record");
  }

  @Test
  void theCiPipelineMayRunQueriesOnly() {
    Step query = step("CI pipeline: run_query");
    assertThat(query.status()).isEqualTo(200);
    assertThat(query.reply().path("result").path("isError").asBoolean(true)).isFalse();

    Step lookup = step("CI pipeline: customer_lookup");
    assertThat(lookup.status()).isEqualTo(403);
    assertThat(lookup.reply().path("error").path("code").asInt()).isEqualTo(-32001);
  }

  @Test
  void thePrintedVerifyCommandPassesWhileTheDemoRunsAndAfterItStopped() {
    assertThat(verifyWhileRunning.code())
        .as(verifyWhileRunning.out() + verifyWhileRunning.err())
        .isZero();

    Cli after = verify();
    assertThat(after.code()).as(after.out() + after.err()).isZero();
    assertThat(after.out()).isNotBlank();
  }

  @Test
  void theRefusedDeleteIsAuditedAsBlockedByDefaultDeny() throws IOException {
    List<JsonNode> refused = exchanges(DemoIdentity.SUPPORT.subject(), "delete_record");

    assertThat(refused).hasSize(1);
    JsonNode record = refused.get(0);
    assertThat(record.path("decision").path("outcome").asText()).isEqualTo("blocked");
    assertThat(record.path("decision").path("rule").asText()).isEqualTo("authz:default-deny");
    assertThat(record.path("fromGateway").asBoolean()).isTrue();
    assertThat(record.path("connection").asText()).isEqualTo(DemoConfig.CONNECTION);
    assertThat(record.path("identity").path("kind").asText()).isEqualTo("user");
    assertThat(record.path("identity").path("groups").get(0).asText()).isEqualTo("support");
    assertThat(record.path("identity").path("issuer").asText()).endsWith(DevTokenIssuer.PATH);
    assertThat(record.has("upstreamStatus")).as("never reached the upstream").isFalse();

    JsonNode allowed = exchanges(DemoIdentity.ENGINEER.subject(), "delete_record").get(0);
    assertThat(allowed.path("decision").path("outcome").asText()).isEqualTo("allowed");
    assertThat(allowed.path("upstreamStatus").asInt()).isEqualTo(200);
  }

  @Test
  void theCiPipelineIsAServiceIdentityInTheAuditLog() throws IOException {
    JsonNode query = exchanges(DemoIdentity.CI.subject(), "run_query").get(0);
    JsonNode lookup = exchanges(DemoIdentity.CI.subject(), "customer_lookup").get(0);

    assertThat(query.path("identity").path("kind").asText()).isEqualTo("service");
    assertThat(query.path("decision").path("outcome").asText()).isEqualTo("allowed");
    assertThat(lookup.path("decision").path("outcome").asText()).isEqualTo("blocked");
  }

  @Test
  void theLogHoldsStartAndStopAndNeverAToken() throws IOException {
    List<String> types = records().stream().map(r -> r.path("type").asText()).toList();
    assertThat(types.get(0)).isEqualTo("gateway-start");
    assertThat(types.get(types.size() - 1)).isEqualTo("gateway-stop");

    try (Stream<Path> segments = Files.list(files.auditDir())) {
      for (Path segment : segments.toList()) {
        String content = Files.readString(segment, StandardCharsets.UTF_8);
        tokens.values().forEach(token -> assertThat(content).doesNotContain(token));
      }
    }
  }

  @Test
  void thePrintedShowCommandFiltersTheRefusals() {
    Cli show =
        Cli.run("audit", "show", files.auditDir().toString(), "--decision", "blocked", "--json");

    assertThat(show.code()).as(show.err()).isZero();
    List<String> lines = show.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains(DemoIdentity.SUPPORT.subject()).contains("delete_record");
    assertThat(lines.get(1)).contains(DemoIdentity.CI.subject()).contains("customer_lookup");
  }
}
