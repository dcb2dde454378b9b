package dev.gatehouse.core;

/**
 * HTTP header names MCP defines (lower case: HTTP/1.1 and HTTP/2 treat them case-insensitively).
 */
public final class McpHeaders {
  public static final String SESSION_ID = "mcp-session-id";
  public static final String PROTOCOL_VERSION = "mcp-protocol-version";
  public static final String LAST_EVENT_ID = "last-event-id";
  public static final String METHOD = "mcp-method";
  public static final String NAME = "mcp-name";

  private McpHeaders() {}
}
