package dev.gatehouse.server.config;

import java.net.URI;

/**
 * One MCP connection: what {@code /mcp/{name}} leads to.
 *
 * @param name the connection name (path segment)
 * @param upstream the upstream's Streamable HTTP endpoint, e.g. {@code http://127.0.0.1:3001/mcp}
 * @param legacySseUpstream the upstream's legacy HTTP+SSE (2024-11-05) GET endpoint, e.g. {@code
 *     http://127.0.0.1:3001/sse}; {@code null} when the connection offers no legacy transport
 * @param credential the connection's own credential for the upstream; {@code null} for none. The
 *     client's token is never forwarded
 */
public record ConnectionSettings(
    String name, URI upstream, URI legacySseUpstream, UpstreamCredential credential) {

  /**
   * A header the gateway adds to every upstream request, with a value from the environment or a
   * file (never inline in the YAML).
   *
   * @param header header name, e.g. {@code Authorization}
   * @param value the resolved secret value, with any configured prefix applied
   */
  public record UpstreamCredential(String header, String value) {
    @Override
    public String toString() {
      return "UpstreamCredential[header=" + header + ", value=<redacted>]";
    }
  }
}
