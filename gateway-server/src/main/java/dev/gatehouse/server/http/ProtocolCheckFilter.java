package dev.gatehouse.server.http;

import dev.gatehouse.core.Decision;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcBody;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.JsonRpcMessage;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.McpHeaders;
import dev.gatehouse.core.ProtocolVersions;
import dev.gatehouse.core.RequestFilter;
import dev.gatehouse.core.Verdict;

/**
 * The PARSE slot: answers bodies that are not valid JSON-RPC (400 with -32700/-32600 and the id
 * where one could be read) and enforces the protocol rules a policy relies on: batches only where
 * the revision allows them, and for 2026-07-28 the mirrored {@code Mcp-Method}/{@code Mcp-Name}
 * headers must agree with the body, since enforcement always reads the body.
 */
public final class ProtocolCheckFilter implements RequestFilter {

  @Override
  public Decision onRequest(McpExchange exchange) {
    JsonRpcBody body = exchange.body();
    if (body instanceof JsonRpcBody.Invalid invalid) {
      return refuse(invalid.id(), invalid.code(), invalid.message());
    }
    if (!(body instanceof JsonRpcBody.Messages messages)) {
      return Decision.CONTINUE;
    }
    String version = exchange.protocolVersion();
    if (messages.batch()) {
      if (version != null && !ProtocolVersions.allowsBatch(version)) {
        return refuse(
            null,
            JsonRpcErrors.INVALID_REQUEST,
            "Invalid Request: JSON-RPC batches are not allowed in protocol " + version);
      }
      boolean hasInitialize =
          messages.messages().stream().anyMatch(m -> "initialize".equals(m.method()));
      if (hasInitialize) {
        return refuse(
            null, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: initialize must not be batched");
      }
    }
    if (ProtocolVersions.isStateless(version)) {
      return checkMirroredHeaders(exchange, messages.first());
    }
    return Decision.CONTINUE;
  }

  private static Decision checkMirroredHeaders(McpExchange exchange, JsonRpcMessage message) {
    String headerMethod = exchange.headers().get(McpHeaders.METHOD);
    if (message.method() != null && !message.method().equals(headerMethod)) {
      return refuse(
          message.id(),
          -32020,
          "Header mismatch: Mcp-Method "
              + headerMethod
              + " does not match body "
              + message.method());
    }
    String target = message.targetName();
    String headerName = exchange.headers().get(McpHeaders.NAME);
    if (target != null && !target.equals(headerName)) {
      return refuse(
          message.id(), -32020, "Header mismatch: Mcp-Name does not match the body's name or uri");
    }
    return Decision.CONTINUE;
  }

  private static Decision refuse(com.fasterxml.jackson.databind.JsonNode id, int code, String msg) {
    return Decision.respond(
        HttpReply.jsonRpcError(400, id, code, msg),
        Verdict.of(Verdict.Outcome.INVALID, "parse", msg));
  }

  /** Used by the handler for requests it answers before the chain (none today). */
  static com.fasterxml.jackson.databind.JsonNode idFor(McpExchange exchange) {
    return FilterChain.firstRequestId(exchange);
  }
}
