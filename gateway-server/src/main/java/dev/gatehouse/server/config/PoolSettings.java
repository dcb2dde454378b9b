package dev.gatehouse.server.config;

import java.time.Duration;

/**
 * Upstream connection pool, one per event loop and upstream.
 *
 * @param maxConnections per event loop and upstream (default 64)
 * @param maxPendingAcquires requests allowed to wait for a connection before 503 (default 1024)
 * @param idleTimeout close pooled connections idle this long; keep below the upstream's keep-alive
 *     (default 30s)
 * @param maxLifetime close connections older than this when they return to the pool (default 5m)
 */
public record PoolSettings(
    int maxConnections, int maxPendingAcquires, Duration idleTimeout, Duration maxLifetime) {}
