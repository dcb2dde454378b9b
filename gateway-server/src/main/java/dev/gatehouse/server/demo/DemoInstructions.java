package dev.gatehouse.server.demo;

import java.util.Map;

/**
 * What {@code gatehouse demo} prints: where to point a client, the demo identities' tokens, a curl
 * sequence that shows one identity allowed and another refused and the same call masked for one
 * identity and in clear text for another, and how to read and verify the audit log those calls
 * wrote. The script is generated here, and a test runs it against a live demo, so what a newcomer
 * pastes is what is tested.
 */
public final class DemoInstructions {
  private DemoInstructions() {}

  /** The instructions for a running demo. */
  public static String render(DemoGateway demo, boolean browserHints) {
    return render(
        demo.mcpUrl(),
        demo.adminUrl(),
        demo.issuer().issuer(),
        demo.tokens(),
        demo.files(),
        browserHints);
  }

  /**
   * @param mcpUrl the gateway URL of the demo connection
   * @param adminUrl the gateway's admin base URL
   * @param issuer the development issuer's URL
   * @param tokens the demo identities' tokens, in print order
   * @param files where the audit log and its public key are
   * @param browserHints also print how to browse the demo with the MCP Inspector
   */
  public static String render(
      String mcpUrl,
      String adminUrl,
      String issuer,
      Map<DemoIdentity, String> tokens,
      DemoFiles files,
      boolean browserHints) {
    StringBuilder out = new StringBuilder();
    out.append(
        """

        Gatehouse demo is running (DEMO PROFILE: for trying things out, not for production).

          MCP endpoint:  %s
          Admin:         %s/healthz  %s/readyz
          Audit log:     %s (durable; signing key %s)

        Identities (bearer tokens signed by the %s token issuer at
        %s; valid 12 hours, new ones at every start):
        """
            .formatted(
                mcpUrl,
                adminUrl,
                adminUrl,
                files.auditDir(),
                files.auditPrivateKey(),
                DevTokenIssuer.MARK,
                issuer));
    for (DemoIdentity who : tokens.keySet()) {
      out.append("  %-15s %s  %s%n".formatted(who.variable(), DevTokenIssuer.MARK, who.access()));
    }
    out.append(
        """

        Paste this into bash or zsh. It sets the four tokens, then: the support agent initializes
        a session, lists its tools and looks a customer up (allowed, with the email, phone, card
        number and IBAN masked: [EMAIL], [CREDIT_CARD]...); the support lead makes the same call
        and reads them in clear text (masking's clear_text grant for group support-leads; the
        audit log still stores the reply masked); the support agent tries delete_record
        (refused: HTTP 403 and a JSON-RPC error); the engineer does the same delete (allowed); the
        CI pipeline runs a query (allowed) and tries a customer lookup (refused).

        """);
    out.append(curlScript(mcpUrl, tokens));
    out.append(
        """

        Every exchange above is in the audit log, refusals included. Read it, and check offline
        that nothing in it was changed, removed or reordered (works while the demo runs, too):

          ./gatehouse audit show %1$s
          ./gatehouse audit show %1$s --decision blocked
          ./gatehouse audit verify %1$s --public-key %2$s
        """
            .formatted(files.auditDir(), files.auditPublicKey()));
    if (browserHints) {
      out.append(
          """

          To browse the tools in the MCP Inspector (Node.js 22+):
            npx @modelcontextprotocol/inspector
          then choose transport "Streamable HTTP", URL %s, and paste one of
          the tokens above as the bearer token (Authentication).
          """
              .formatted(mcpUrl));
    }
    out.append(
        """

        The same setup as a configuration file: config/demo.yaml. To serve it with
        `gatehouse serve`, replace its DEVELOPMENT ONLY issuer (which only `gatehouse demo`
        runs) with your own IdP under auth.issuers. Stop with Ctrl-C.
        """);
    return out.toString();
  }

  /**
   * A bash/zsh snippet: the tokens as shell variables, two small functions (initialize a session as
   * an identity; send one request and print the reply and its HTTP status), then the calls. There
   * are no {@code #} comments in it: an interactive zsh runs {@code #} as a command unless {@code
   * interactivecomments} is set, so the steps label themselves with {@code echo}.
   */
  public static String curlScript(String mcpUrl, Map<DemoIdentity, String> tokens) {
    StringBuilder script = new StringBuilder();
    script.append("URL=").append(mcpUrl).append('\n');
    tokens.forEach(
        (who, token) -> script.append(who.variable()).append('=').append(token).append('\n'));
    script.append(
        """
        mcp_init() {
          local session
          session=$(curl -s -D - -o /dev/null "$URL" -H "Authorization: Bearer $1" \\
            -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \\
            -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"curl","version":"1.0"}}}' \\
            | tr -d '\\r' | awk 'tolower($1)=="mcp-session-id:" {print $2}')
          curl -s -o /dev/null "$URL" -H "Authorization: Bearer $1" -H "Mcp-Session-Id: $session" \\
            -H 'MCP-Protocol-Version: 2025-11-25' \\
            -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \\
            -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
          echo "$session"
        }
        mcp_call() {
          curl -s -w '\\n  -> HTTP %{http_code}\\n' "$URL" -H "Authorization: Bearer $1" \\
            -H "Mcp-Session-Id: $2" -H 'MCP-Protocol-Version: 2025-11-25' \\
            -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \\
            -d "$3"
        }
        """);
    script.append(
        """
        echo '== support agent: tools/list (only customer_lookup is listed)'
        S=$(mcp_init "$SUPPORT_TOKEN")
        mcp_call "$SUPPORT_TOKEN" "$S" '{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
        echo '== support agent: customer_lookup (allowed; email, phone, card and IBAN masked)'
        mcp_call "$SUPPORT_TOKEN" "$S" '%s'
        echo '== support lead: the same customer_lookup (clear text for group support-leads)'
        L=$(mcp_init "$LEAD_TOKEN")
        mcp_call "$LEAD_TOKEN" "$L" '%s'
        echo '== support agent: delete_record (refused: HTTP 403 and a JSON-RPC error)'
        mcp_call "$SUPPORT_TOKEN" "$S" '%s'
        echo '== engineer: tools/list (every tool is listed)'
        E=$(mcp_init "$ENGINEER_TOKEN")
        mcp_call "$ENGINEER_TOKEN" "$E" '{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
        echo '== engineer: delete_record (allowed)'
        mcp_call "$ENGINEER_TOKEN" "$E" '%s'
        echo '== CI pipeline: run_query (allowed)'
        C=$(mcp_init "$CI_TOKEN")
        mcp_call "$CI_TOKEN" "$C" '%s'
        echo '== CI pipeline: customer_lookup (refused: HTTP 403)'
        mcp_call "$CI_TOKEN" "$C" '%s'
        """
            .formatted(
                toolCall(3, "customer_lookup", "{\"query\":\"ada\"}"),
                toolCall(3, "customer_lookup", "{\"query\":\"ada\"}"),
                toolCall(4, "delete_record", "{\"table\":\"customers\",\"id\":\"C-1001\"}"),
                toolCall(3, "delete_record", "{\"table\":\"customers\",\"id\":\"C-1001\"}"),
                toolCall(2, "run_query", "{\"sql\":\"SELECT * FROM orders\"}"),
                toolCall(3, "customer_lookup", "{\"query\":\"ada\"}")));
    return script.toString();
  }

  private static String toolCall(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"%s\",\"arguments\":%s}}"
        .formatted(id, tool, arguments);
  }
}
