package dev.gatehouse.server;

import dev.gatehouse.core.FilterChain;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.features.IdentityFeature;
import dev.gatehouse.server.upstream.UpstreamPool;
import io.netty.channel.EventLoop;
import java.util.function.Function;

/**
 * What every request handler needs from the running gateway, in one immutable value: the
 * configuration in force, the resolved filter chain and the per-event-loop upstream pools. A reload
 * swaps the whole value, so a request sees one consistent configuration from start to end.
 *
 * @param maxResponseBytes largest JSON (non-SSE) upstream response the gateway will buffer to mask
 * @param maxSseEventBytes largest single SSE event
 * @param identity authentication, authorization and session binding as configured
 */
public record GatewayRuntime(
    GatehouseConfig config,
    FilterChain chain,
    IdentityFeature identity,
    Function<EventLoop, UpstreamPool> pools,
    int maxResponseBytes,
    int maxSseEventBytes) {}
