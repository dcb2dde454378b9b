package dev.gatehouse.core;

/**
 * A response-side step, called once for every JSON-RPC message that goes to the client (a JSON
 * reply, each SSE message event, and the gateway's own error replies). Change the message in place
 * or {@link ServerMessage#replace}; return {@link Decision#CONTINUE} to release it, {@link
 * Decision.Wait} to hold it (e.g. until its audit record is durable), or {@link Decision.Respond}
 * to replace it with an error (fail closed). A thrown exception replaces the message with an error.
 */
@FunctionalInterface
public interface ResponseFilter {
  Decision onServerMessage(McpExchange exchange, ServerMessage message);
}
