package dev.gatehouse.server.http;

import dev.gatehouse.core.FilterChain;
import dev.gatehouse.server.GatewayRuntime;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.features.IdentityFeature;
import io.netty.channel.embedded.EmbeddedChannel;

/** An MCP request handler on an {@link EmbeddedChannel}, for tests that never reach an upstream. */
final class HandlerChannels {
  private HandlerChannels() {}

  static EmbeddedChannel withoutUpstream(
      GatehouseConfig config, FilterChain chain, int maxBodyBytes) {
    GatewayRuntime runtime =
        new GatewayRuntime(
            config,
            chain,
            IdentityFeature.from(config),
            loop -> {
              throw new AssertionError("nothing in these tests may reach an upstream");
            },
            1 << 20,
            1 << 20);
    return new EmbeddedChannel(
        new BodyLimitAggregator(maxBodyBytes), new McpRequestHandler(() -> runtime));
  }
}
