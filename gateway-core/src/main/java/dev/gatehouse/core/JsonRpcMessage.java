package dev.gatehouse.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC 2.0 message, classified once so that no filter has to re-derive what it is.
 *
 * @param kind request, notification or response
 * @param id the id node (string or number) for requests and responses; {@code null} for
 *     notifications
 * @param method the method for requests and notifications; {@code null} for responses
 * @param node the whole message; filters may change {@code params}, never {@code id} or {@code
 *     method}
 */
public record JsonRpcMessage(Kind kind, JsonNode id, String method, ObjectNode node) {

  /** What a message is, by JSON-RPC's own rules. */
  public enum Kind {
    REQUEST,
    NOTIFICATION,
    RESPONSE
  }

  public boolean isRequest() {
    return kind == Kind.REQUEST;
  }

  /** The {@code params} object, or {@code null} when absent or not an object. */
  public ObjectNode params() {
    JsonNode params = node.get("params");
    return params instanceof ObjectNode object ? object : null;
  }

  /**
   * The name a policy keys on: {@code params.name} for tools/call and prompts/get, {@code
   * params.uri} for resources/read and resource subscriptions; {@code null} otherwise.
   */
  public String targetName() {
    ObjectNode params = params();
    if (params == null || method == null) {
      return null;
    }
    String field =
        switch (method) {
          case "tools/call", "prompts/get" -> "name";
          case "resources/read", "resources/subscribe", "resources/unsubscribe" -> "uri";
          default -> null;
        };
    if (field == null) {
      return null;
    }
    JsonNode value = params.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }
}
