package dev.gatehouse.server.config;

/**
 * @param instance this replica's name in logs and audit records (default: the host name)
 * @param publicUrl the URL clients use to reach the MCP listener, without a trailing slash (e.g.
 *     {@code https://gateway.example.com}); used for protected-resource metadata and legacy SSE
 *     endpoint rewriting. Default: {@code http://<mcp host>:<mcp port>}
 * @param demo true only for {@code gatehouse demo}: enables demo-only features (the dev token
 *     issuer); never set by {@code serve}
 */
public record GatewaySettings(String instance, String publicUrl, boolean demo) {}
