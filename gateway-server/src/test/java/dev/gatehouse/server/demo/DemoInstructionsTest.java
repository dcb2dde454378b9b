package dev.gatehouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The printed text. That the curl sequence works is proven against a live demo in {@link
 * DemoWalkthroughTest}; here: that everything a newcomer needs is named, and marked.
 */
class DemoInstructionsTest {
  private static final String URL = "http://127.0.0.1:8080/mcp/demo";
  private static final String ISSUER = "http://127.0.0.1:40000/development-only";
  private static final DemoFiles FILES = new DemoFiles(Path.of("gatehouse-demo"));

  private static Map<DemoIdentity, String> tokens() {
    Map<DemoIdentity, String> tokens = new LinkedHashMap<>();
    tokens.put(DemoIdentity.ENGINEER, "eyJ.engineer.sig");
    tokens.put(DemoIdentity.SUPPORT, "eyJ.support.sig");
    tokens.put(DemoIdentity.SUPPORT_LEAD, "eyJ.lead.sig");
    tokens.put(DemoIdentity.CI, "eyJ.ci.sig");
    return tokens;
  }

  private static String render(boolean hints) {
    return DemoInstructions.render(URL, "http://127.0.0.1:8081", ISSUER, tokens(), FILES, hints);
  }

  @Test
  void namesTheEndpointTheIssuerAndTheAuditCommands() {
    String text = render(false);

    assertThat(text)
        .contains("MCP endpoint:  " + URL)
        .contains(ISSUER)
        .contains("Audit log:     gatehouse-demo/audit")
        .contains("./gatehouse audit show gatehouse-demo/audit\n")
        .contains("./gatehouse audit show gatehouse-demo/audit --decision blocked")
        .contains(
            "./gatehouse audit verify gatehouse-demo/audit --public-key gatehouse-demo/audit.pub")
        .contains("config/demo.yaml")
        .doesNotContain("inspector");
    assertThat(render(true)).contains("npx @modelcontextprotocol/inspector");
  }

  @Test
  void eachTokenIsOneCopyPasteableLineAndEachIdentityIsLabelledDevelopmentOnly() {
    List<String> lines = Arrays.asList(render(false).split("\n"));

    assertThat(lines)
        .contains("ENGINEER_TOKEN=eyJ.engineer.sig", "SUPPORT_TOKEN=eyJ.support.sig")
        .contains("LEAD_TOKEN=eyJ.lead.sig", "CI_TOKEN=eyJ.ci.sig", "URL=" + URL);
    for (DemoIdentity who : DemoIdentity.ALL) {
      assertThat(lines)
          .filteredOn(l -> l.trim().startsWith(who.variable() + " "))
          .singleElement()
          .satisfies(l -> assertThat(l).contains("DEVELOPMENT ONLY").contains(who.access()));
    }
    // Every line that mentions the issuer or its tokens says what they are.
    assertThat(lines)
        .filteredOn(l -> l.contains("issuer") && !l.contains("auth.issuers"))
        .allSatisfy(l -> assertThat(l).containsAnyOf("DEVELOPMENT ONLY", "development-only"));
  }

  @Test
  void theScriptHasNoCommentLinesSoAnInteractiveZshRunsItToo() {
    String script = DemoInstructions.curlScript(URL, tokens());

    // zsh without interactivecomments runs "#" as a command; a commented token line would not
    // even set its variable.
    assertThat(script.lines()).noneMatch(l -> l.contains("#"));
    assertThat(script)
        .contains("customer_lookup")
        .contains("delete_record")
        .contains("run_query")
        .contains("Authorization: Bearer $1");
  }
}
