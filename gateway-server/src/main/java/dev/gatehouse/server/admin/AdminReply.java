package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One admin API reply as plain values; {@link AdminHandler} turns it into HTTP.
 *
 * @param status HTTP status
 * @param headers extra headers ({@code ETag}, {@code WWW-Authenticate}, {@code Allow}…)
 * @param body the JSON body
 */
public record AdminReply(int status, Map<String, String> headers, JsonNode body) {
  public AdminReply {
    headers = Map.copyOf(headers);
  }

  public static AdminReply json(int status, JsonNode body) {
    return new AdminReply(status, Map.of(), body);
  }

  /** {@code {"error": code, "message": message}}: the shape of every admin API error. */
  public static AdminReply error(int status, String code, String message) {
    return error(status, Map.of(), code, message);
  }

  public static AdminReply error(
      int status, Map<String, String> headers, String code, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", code).put("message", message);
    return new AdminReply(status, headers, body);
  }
}
