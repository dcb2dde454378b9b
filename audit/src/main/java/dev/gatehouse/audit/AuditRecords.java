package dev.gatehouse.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.merkle.Hashes;
import dev.gatehouse.audit.store.CanonicalJson;
import dev.gatehouse.core.Identity;
import dev.gatehouse.core.JsonRpcBody;
import dev.gatehouse.core.JsonRpcMessage;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.ServerMessage;
import dev.gatehouse.core.Verdict;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds audit records as JSON objects (docs/audit-format.md, "Records"). Absent values are left
 * out rather than written as null. The writer adds {@code seq} and {@code time}; {@link AuditLog}
 * adds {@code instance}, {@code version} and {@code configHash}.
 */
public final class AuditRecords {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private AuditRecords() {}

  /**
   * One record per message released to the client (JSON reply, SSE event, or HTTP-only outcome).
   */
  public static ObjectNode exchange(
      McpExchange ex, ServerMessage msg, PayloadTransform transform, int maxPayloadBytes) {
    ObjectNode r = F.objectNode();
    r.put("type", "exchange");
    put(r, "exchangeId", ex.exchangeId());
    r.set("identity", identity(ex.identity()));
    put(r, "clientAddress", ex.clientAddress());
    put(r, "connection", ex.connection());
    put(r, "session", ex.sessionId());
    put(r, "httpMethod", ex.httpMethod());
    put(r, "protocolVersion", ex.protocolVersion());

    JsonRpcMessage request = matchingRequest(ex, msg);
    if (request != null) {
      put(r, "method", request.method());
      if (request.id() != null) {
        r.set("jsonrpcId", request.id());
      }
      put(r, "target", request.targetName());
      JsonNode params = request.node().get("params");
      if (params != null) {
        r.set(
            "request",
            limit(transform.apply(PayloadTransform.Field.REQUEST, params, ex), maxPayloadBytes));
      }
    } else if (ex.body() instanceof JsonRpcBody.Invalid invalid && invalid.id() != null) {
      r.set("jsonrpcId", invalid.id());
    }

    r.put("message", kind(msg));
    if (msg.httpOnly()) {
      r.put("httpStatus", msg.upstreamStatus());
    } else {
      r.set(
          "response",
          limit(
              transform.apply(PayloadTransform.Field.RESPONSE, msg.message(), ex),
              maxPayloadBytes));
    }
    r.put("fromGateway", msg.fromGateway());
    if (msg.upstreamStatus() > 0 && !(msg.httpOnly() && msg.fromGateway())) {
      r.put("upstreamStatus", msg.upstreamStatus());
    }
    Map<String, Integer> masked = ex.get(AuditKeys.MASK_COUNTS);
    if (masked != null && !masked.isEmpty()) {
      ObjectNode m = r.putObject("maskCounts");
      new TreeMap<>(masked).forEach(m::put);
    }
    // The client got this exchange's responses in clear text (a masking clear_text grant); the
    // "response" above is a masked copy all the same, so the log never holds the clear values.
    put(r, "clearText", ex.get(AuditKeys.CLEAR_TEXT));
    r.set("decision", decision(ex.verdict()));
    long micros = (System.nanoTime() - ex.startNanos()) / 1_000;
    r.put("latencyMs", BigDecimal.valueOf(micros, 3));
    return r;
  }

  public static ObjectNode gatewayStart(String configHash) {
    ObjectNode r = F.objectNode();
    r.put("type", "gateway-start");
    put(r, "configHash", configHash);
    return r;
  }

  public static ObjectNode gatewayStop(String reason) {
    ObjectNode r = F.objectNode();
    r.put("type", "gateway-stop");
    put(r, "reason", reason);
    return r;
  }

  /**
   * A configuration change (reload, admin API edit).
   *
   * @param actor who made it (an admin subject), or null for a file reload
   * @param detail what changed, as JSON (e.g. the changed rule), may be null
   */
  public static ObjectNode configChange(
      String oldHash, String newHash, String source, String actor, JsonNode detail) {
    ObjectNode r = F.objectNode();
    r.put("type", "config-change");
    put(r, "previousConfigHash", oldHash);
    put(r, "configHash", newHash);
    put(r, "source", source);
    put(r, "actor", actor);
    if (detail != null) {
      r.set("detail", detail);
    }
    return r;
  }

  /** Something wrong at or before a signed checkpoint, found at start: evidence, not repaired. */
  public static ObjectNode tamperAlert(Long seq, String reason) {
    ObjectNode r = F.objectNode();
    r.put("type", "tamper-alert");
    if (seq != null && seq >= 0) {
      r.put("affectedSeq", seq);
    }
    r.put("reason", reason);
    return r;
  }

  /** What start-up or failure recovery did (torn tail cut, log writable again). */
  public static ObjectNode recovery(String what, ArrayNode details) {
    ObjectNode r = F.objectNode();
    r.put("type", "recovery");
    r.put("what", what);
    if (details != null && !details.isEmpty()) {
      r.set("details", details);
    }
    return r;
  }

  /**
   * {@code payload} itself when its canonical form fits in {@code max} bytes; otherwise a stand-in
   * with the full size, the SHA-256 of the full canonical bytes, and as much of them as fits.
   */
  public static JsonNode limit(JsonNode payload, int max) {
    byte[] bytes = CanonicalJson.write(payload);
    if (bytes.length <= max) {
      return CanonicalJson.serialized(bytes); // the record's serialization copies these bytes
    }
    int cut = max;
    while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
      cut--; // never split a UTF-8 sequence
    }
    ObjectNode t = F.objectNode();
    t.put("truncated", true);
    t.put("bytes", bytes.length);
    t.put("sha256", HexFormat.of().formatHex(Hashes.sha256().digest(bytes)));
    t.put("head", new String(bytes, 0, cut, StandardCharsets.UTF_8));
    return t;
  }

  private static String kind(ServerMessage msg) {
    if (msg.httpOnly()) {
      return "http";
    }
    if (msg.isResponse()) {
      return "response";
    }
    return msg.message().has("id") ? "server-request" : "server-notification";
  }

  /** The client request this message answers (by id), else the exchange's first message. */
  private static JsonRpcMessage matchingRequest(McpExchange ex, ServerMessage msg) {
    JsonRpcBody.Messages messages = ex.messages();
    if (messages == null || messages.messages().isEmpty()) {
      return null;
    }
    JsonNode id = msg.isResponse() ? msg.message().get("id") : null;
    if (id != null && !id.isNull()) {
      for (JsonRpcMessage m : messages.messages()) {
        if (m.isRequest() && id.equals(m.id())) {
          return m;
        }
      }
    }
    return messages.first();
  }

  private static ObjectNode identity(Identity id) {
    ObjectNode n = F.objectNode();
    put(n, "subject", id.subject());
    ArrayNode groups = n.putArray("groups");
    new TreeSet<>(id.groups()).forEach(groups::add);
    n.put("kind", id.kind().name().toLowerCase(java.util.Locale.ROOT));
    put(n, "issuer", id.issuer());
    put(n, "tokenId", id.tokenId());
    return n;
  }

  private static ObjectNode decision(Verdict v) {
    ObjectNode n = F.objectNode();
    n.put("outcome", v.outcome().name().toLowerCase(java.util.Locale.ROOT));
    put(n, "rule", v.rule());
    put(n, "actor", v.actor());
    put(n, "detail", v.detail());
    return n;
  }

  private static void put(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }
}
