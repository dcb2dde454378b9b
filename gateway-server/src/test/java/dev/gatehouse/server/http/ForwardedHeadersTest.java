package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
  @Test
  void onlyTheMcpHeadersGoUpstreamWhateverTheirCase() {
    HttpHeaders client = new DefaultHttpHeaders();
    client.add("Accept", "application/json, text/event-stream");
    client.add("Content-Type", "application/json");
    client.add("MCP-Protocol-Version", "2025-06-18");
    client.add("Mcp-Session-Id", "s1");
    client.add("mcp-param-region", "eu");
    client.add("MCP-Param-Tenant", "t1");
    client.add("User-Agent", "test");
    client.add("Authorization", "Bearer secret");
    client.add("Cookie", "a=b");
    client.add("X-Forwarded-For", "10.0.0.1");
    client.add("Mcp-Paramx", "not a param header");
    client.add("Accept-Encoding", "gzip");

    HttpHeaders upstream = ForwardedHeaders.newHeaders();
    ForwardedHeaders.copyRequest(client, upstream);

    assertThat(upstream.names())
        .containsExactlyInAnyOrder(
            "Accept",
            "Content-Type",
            "MCP-Protocol-Version",
            "Mcp-Session-Id",
            "mcp-param-region",
            "MCP-Param-Tenant",
            "User-Agent");
    assertThat(upstream.get("accept")).isEqualTo("application/json, text/event-stream");
    assertThat(upstream.get("mcp-param-tenant")).isEqualTo("t1");
  }

  @Test
  void repeatedHeadersKeepEveryValueInOrder() {
    HttpHeaders client = new DefaultHttpHeaders();
    client.add("accept", "application/json");
    client.add("Accept", "text/event-stream");
    HttpHeaders upstream = ForwardedHeaders.newHeaders();
    ForwardedHeaders.copyRequest(client, upstream);
    assertThat(upstream.getAll("accept")).containsExactly("application/json", "text/event-stream");
  }

  @Test
  void headersTheClientNamesInConnectionAreHopByHop() {
    HttpHeaders client = new DefaultHttpHeaders();
    client.add("Connection", "keep-alive, User-Agent, Mcp-Session-Id");
    client.add("User-Agent", "test");
    client.add("Mcp-Session-Id", "s1");
    HttpHeaders upstream = ForwardedHeaders.newHeaders();
    ForwardedHeaders.copyRequest(client, upstream);
    // MCP's own headers are never dropped: the protocol needs them end to end.
    assertThat(upstream.names()).containsExactly("Mcp-Session-Id");
  }

  @Test
  void responsesLoseOnlyHopByHopAndGatewayOwnedHeaders() {
    HttpHeaders upstream = new DefaultHttpHeaders();
    upstream.add("Content-Type", "application/json");
    upstream.add("Mcp-Session-Id", "s1");
    upstream.add("Transfer-Encoding", "chunked");
    upstream.add("Connection", "keep-alive, X-Hop");
    upstream.add("X-Hop", "1");
    upstream.add("Set-Cookie", "a=b");
    upstream.add("X-Request-Id", "r1");
    upstream.add("Content-Length", "12");
    HttpHeaders client = ForwardedHeaders.newHeaders();
    ForwardedHeaders.copyResponse(upstream, client);
    assertThat(client.names())
        .containsExactlyInAnyOrder("Content-Type", "Mcp-Session-Id", "X-Request-Id");
  }
}
