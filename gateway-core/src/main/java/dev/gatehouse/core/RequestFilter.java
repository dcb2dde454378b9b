package dev.gatehouse.core;

/**
 * A request-side step of the data path. Return {@link Decision#CONTINUE} to pass the exchange on,
 * {@link Decision.Respond} to answer it here, or {@link Decision.Wait} to decide asynchronously.
 * Runs on the exchange's event loop: never block. A thrown exception fails the request closed.
 */
@FunctionalInterface
public interface RequestFilter {
  Decision onRequest(McpExchange exchange);
}
