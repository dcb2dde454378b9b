package dev.gatehouse.server.config;

import java.time.Duration;

/**
 * The named timeouts of the data path (STYLE.md §8).
 *
 * @param connect establishing a TCP connection to the upstream (default 5s)
 * @param response from the request being fully sent upstream to the response head (default 30s)
 * @param request the whole exchange, approval waits included, for JSON replies (default 120s); SSE
 *     streams are bounded by {@code sseIdle} instead
 * @param sseIdle an SSE stream with no event for this long gets an SSE comment heartbeat (default
 *     15s) so intermediaries do not reap it
 */
public record TimeoutSettings(
    Duration connect, Duration response, Duration request, Duration sseIdle) {}
