package dev.gatehouse.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A reply the gateway makes itself (a refusal, an error), as plain values. The server layer turns
 * it into HTTP; the response-side filters (masking, audit) still see its body.
 *
 * @param status HTTP status
 * @param headers extra response headers (e.g. {@code WWW-Authenticate}, {@code Retry-After})
 * @param body JSON body, usually a JSON-RPC error; {@code null} for none
 */
public record HttpReply(int status, Map<String, String> headers, JsonNode body) {
  public HttpReply {
    headers = Map.copyOf(headers);
  }

  public static HttpReply of(int status, JsonNode body) {
    return new HttpReply(status, Map.of(), body);
  }

  /** A JSON-RPC error reply for the request {@code id} (may be {@code null}). */
  public static HttpReply jsonRpcError(int status, JsonNode id, int code, String message) {
    return of(status, JsonRpcErrors.error(id, code, message));
  }
}
