package dev.gatehouse.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC error codes the gateway uses, and one place that builds error responses. */
public final class JsonRpcErrors {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /**
   * Gateway-level refusals live in the implementation-defined server-error range (-32000 to
   * -32099), but below the block MCP reserves for 2026-07-28 (-32020..-32029 are used there).
   */
  public static final int GATEWAY_REFUSED = -32001;

  public static final int UPSTREAM_UNAVAILABLE = -32002;
  public static final int UPSTREAM_TIMEOUT = -32003;
  public static final int SERVICE_UNAVAILABLE = -32004;

  private JsonRpcErrors() {}

  /** A JSON-RPC error response; {@code id} may be {@code null} when none could be read. */
  public static ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id == null ? NullNode.getInstance() : id);
    ObjectNode error = response.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return response;
  }
}
