/**
 * The exchange model shared by every module: JSON-RPC messages ({@link
 * dev.gatehouse.core.JsonRpcMessage}), the typed exchange ({@link dev.gatehouse.core.McpExchange}),
 * identities, decisions as values ({@link dev.gatehouse.core.Decision}), the two one-method filter
 * interfaces and the {@link dev.gatehouse.core.FilterChain} runner that owns ordering ({@link
 * dev.gatehouse.core.RequestSlot}, {@link dev.gatehouse.core.ResponseSlot}). No Netty here: the
 * server layer adapts HTTP to these plain values.
 */
package dev.gatehouse.core;
