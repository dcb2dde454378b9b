package dev.gatehouse.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the HTTP body of a POST turned out to be: parsed JSON-RPC messages, or the reason it is not
 * valid JSON-RPC. Parsing happens before any filter runs; the parse slot decides when an invalid
 * body is answered (after authentication, so an anonymous caller learns nothing from our parser).
 */
public sealed interface JsonRpcBody {

  /** A valid body: one message, or a batch (a JSON array) of them. */
  record Messages(List<JsonRpcMessage> messages, boolean batch) implements JsonRpcBody {
    public Messages {
      messages = List.copyOf(messages);
    }

    /** The first message: the only one unless this is a batch. */
    public JsonRpcMessage first() {
      return messages.get(0);
    }

    public boolean hasRequests() {
      return messages.stream().anyMatch(JsonRpcMessage::isRequest);
    }
  }

  /**
   * A body that is not valid JSON ({@link JsonRpcErrors#PARSE_ERROR}) or not valid JSON-RPC ({@link
   * JsonRpcErrors#INVALID_REQUEST}); {@code id} is the request id where one could be read.
   */
  record Invalid(int code, String message, JsonNode id) implements JsonRpcBody {}

  /** No body: GET, DELETE. */
  record None() implements JsonRpcBody {}
}
