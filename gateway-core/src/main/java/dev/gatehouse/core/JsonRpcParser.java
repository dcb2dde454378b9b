package dev.gatehouse.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses and classifies JSON-RPC 2.0 bodies. Thread-safe. */
public final class JsonRpcParser {

  /**
   * Shared mapper: bounded nesting so a hostile body cannot exhaust the stack; a repeated key or
   * anything after the value is an error. The gateway decides on the tree it parsed but forwards
   * the bytes it received; with a repeated key ({@code "name":"allowed","name":"other"}) or a
   * second value after the first, the receiver could read a message other than the one that was
   * checked (Jackson keeps the last duplicate and stops after the first value; other parsers do not
   * all agree). Refusing both makes the checked tree and the forwarded bytes one message.
   *
   * <p>Repeated keys are caught while the tree is built ({@code FAIL_ON_READING_DUP_TREE_KEY}: the
   * object's own map already says whether a key was there), not by the token stream's {@code
   * STRICT_DUPLICATE_DETECTION}, which keeps a second set of names per object and cost a fifth of
   * each parse (bench/README.md, seventh session). Every body the gateway reads is read as a tree.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(256).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  private JsonRpcParser() {}

  /** Parses {@code body}; never throws for bad input. */
  public static JsonRpcBody parse(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return new JsonRpcBody.Invalid(JsonRpcErrors.PARSE_ERROR, "Parse error: " + why(e), null);
    } catch (IOException e) {
      return new JsonRpcBody.Invalid(
          JsonRpcErrors.PARSE_ERROR, "Parse error: " + e.getMessage(), null);
    }
    if (root == null || root.isMissingNode()) {
      return new JsonRpcBody.Invalid(JsonRpcErrors.PARSE_ERROR, "Parse error: empty body", null);
    }
    if (root instanceof ArrayNode array) {
      if (array.isEmpty()) {
        return new JsonRpcBody.Invalid(
            JsonRpcErrors.INVALID_REQUEST, "Invalid Request: empty batch", null);
      }
      List<JsonRpcMessage> messages = new ArrayList<>(array.size());
      for (JsonNode element : array) {
        Object classified = classify(element);
        if (classified instanceof JsonRpcBody.Invalid invalid) {
          return invalid;
        }
        messages.add((JsonRpcMessage) classified);
      }
      return new JsonRpcBody.Messages(messages, true);
    }
    Object classified = classify(root);
    if (classified instanceof JsonRpcBody.Invalid invalid) {
      return invalid;
    }
    return new JsonRpcBody.Messages(List.of((JsonRpcMessage) classified), false);
  }

  /** The client-facing reason: the two ambiguities by name, any other syntax error in general. */
  public static String why(JsonProcessingException e) {
    String detail = e.getOriginalMessage();
    if (detail != null && detail.startsWith("Duplicate field")) {
      // "Duplicate field 'name' for `ObjectNode`: ...": only the key's name is the caller's news.
      int open = detail.indexOf('\'');
      int close = open < 0 ? -1 : detail.indexOf('\'', open + 1);
      return "a key appears twice in one object"
          + (close < 0 ? "" : " (" + detail.substring(open, close + 1) + ")");
    }
    if (detail != null && detail.startsWith("Trailing token")) {
      return "more than one JSON value in the body";
    }
    return "body is not valid JSON";
  }

  /** Returns a {@link JsonRpcMessage} or a {@link JsonRpcBody.Invalid}. */
  private static Object classify(JsonNode node) {
    if (!(node instanceof ObjectNode message)) {
      return invalid("a JSON-RPC message must be an object", null);
    }
    JsonNode id = message.get("id");
    JsonNode readableId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
    JsonNode version = message.get("jsonrpc");
    if (version == null || !"2.0".equals(version.asText(null)) || !version.isTextual()) {
      return invalid("\"jsonrpc\" must be \"2.0\"", readableId);
    }
    if (id != null && !id.isNull() && readableId == null) {
      return invalid("\"id\" must be a string or an integer", null);
    }
    JsonNode method = message.get("method");
    if (method != null) {
      if (!method.isTextual() || method.textValue().isEmpty()) {
        return invalid("\"method\" must be a non-empty string", readableId);
      }
      JsonNode params = message.get("params");
      if (params != null && !params.isObject() && !params.isArray()) {
        return invalid("\"params\" must be an object or an array", readableId);
      }
      if (id == null) {
        return new JsonRpcMessage(
            JsonRpcMessage.Kind.NOTIFICATION, null, method.textValue(), message);
      }
      if (id.isNull()) {
        return invalid("a request id must not be null", null);
      }
      return new JsonRpcMessage(JsonRpcMessage.Kind.REQUEST, id, method.textValue(), message);
    }
    boolean hasResult = message.has("result");
    boolean hasError = message.has("error");
    if (id == null || hasResult == hasError) {
      return invalid("neither a request, a notification nor a response", readableId);
    }
    return new JsonRpcMessage(JsonRpcMessage.Kind.RESPONSE, id, null, message);
  }

  private static JsonRpcBody.Invalid invalid(String why, JsonNode id) {
    return new JsonRpcBody.Invalid(JsonRpcErrors.INVALID_REQUEST, "Invalid Request: " + why, id);
  }
}
