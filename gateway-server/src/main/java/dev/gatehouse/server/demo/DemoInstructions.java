package dev.gatehouse.server.demo;

/**
 * What {@code gatehouse demo} prints: where to point a client, and a curl sequence that a person
 * can paste into a shell to see a tool call go through the gateway (including how to carry the
 * {@code Mcp-Session-Id} the server issues on initialize).
 */
public final class DemoInstructions {
  private DemoInstructions() {}

  /**
   * @param mcpUrl the gateway URL of the demo connection
   * @param adminUrl the gateway's admin base URL
   * @param browserHints also print how to browse the demo with the MCP Inspector
   */
  public static String render(String mcpUrl, String adminUrl, boolean browserHints) {
    StringBuilder out = new StringBuilder();
    out.append(
        """

        Gatehouse demo is running (DEMO PROFILE: for trying things out, not for production).

          MCP endpoint:  %s
          Admin:         %s/healthz  %s/readyz

        Point any MCP client (Streamable HTTP transport) at the MCP endpoint, or paste this into
        a shell to initialize a session and call the customer_lookup tool through the gateway:

        """
            .formatted(mcpUrl, adminUrl, adminUrl));
    out.append(curlScript(mcpUrl));
    if (browserHints) {
      out.append(
          """

          To browse the tools in the MCP Inspector (Node.js 22+):
            npx @modelcontextprotocol/inspector
          then choose transport "Streamable HTTP" and URL %s

          """
              .formatted(mcpUrl));
    }
    out.append(
        """

        The same setup as a configuration file: config/demo.yaml
          (./gatehouse sample-server --port 3001 & ./gatehouse serve --config config/demo.yaml)
        Stop with Ctrl-C.
        """);
    return out.toString();
  }

  /**
   * A bash/zsh snippet: initialize (capturing the Mcp-Session-Id response header), send the
   * initialized notification, then call customer_lookup.
   */
  public static String curlScript(String mcpUrl) {
    String headers =
        "-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'";
    String session = "-H \"Mcp-Session-Id: $SESSION\" -H 'MCP-Protocol-Version: 2025-11-25'";
    return """
        URL=%1$s
        # 1. initialize; the session id comes back in the Mcp-Session-Id response header
        SESSION=$(curl -s -D - -o /dev/null "$URL" %2$s \\
          -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"curl","version":"1.0"}}}' \\
          | tr -d '\\r' | awk 'tolower($1)=="mcp-session-id:" {print $2}')
        echo "session: $SESSION"
        # 2. tell the server the client is ready (answered with 202, no body)
        curl -s "$URL" %2$s %3$s \\
          -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
        # 3. call a tool: every later request carries the session id
        curl -s "$URL" %2$s %3$s \\
          -d '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"customer_lookup","arguments":{"query":"ada"}}}'
        echo
        """
        .formatted(mcpUrl, headers, session);
  }
}
