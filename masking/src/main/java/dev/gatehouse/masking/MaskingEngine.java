package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Masks JSON-RPC messages in place with one compiled rule set. Immutable and thread-safe; each call
 * uses its own scratch state.
 *
 * <p>The walk knows where MCP puts protocol fields (see {@link ProtocolFields}) and leaves them and
 * base64 media payloads alone; every other string is masked, and so is every integer that a
 * detector recognises (a card or phone number stored as a JSON number becomes a masked string). Any
 * exception escapes to the caller, which must withhold the message (fail closed): a partially
 * masked tree is never meant to be sent.
 */
public final class MaskingEngine {
  /** An engine that masks nothing (a connection whose rule set is {@code none}). */
  public static final MaskingEngine NONE =
      new MaskingEngine(
          "none",
          new TextMasker(new DetectorRule[0], new Hasher(null)),
          new TextMasker(new DetectorRule[0], new Hasher(null)),
          new FieldRule[0],
          new FieldRule[0],
          new Hasher(null));

  /** Marks a value to remove from its parent. */
  private static final JsonNode DROPPED = TextNode.valueOf("\u0000dropped");

  private final String ruleSet;
  private final TextMasker responseText;
  private final TextMasker requestText;
  private final FieldRule[] responseFields;
  private final FieldRule[] requestFields;
  private final Hasher hasher;

  MaskingEngine(
      String ruleSet,
      TextMasker responseText,
      TextMasker requestText,
      FieldRule[] responseFields,
      FieldRule[] requestFields,
      Hasher hasher) {
    this.ruleSet = ruleSet;
    this.responseText = responseText;
    this.requestText = requestText;
    this.responseFields = responseFields;
    this.requestFields = requestFields;
    this.hasher = hasher;
  }

  /** The name of the rule set this engine applies. */
  public String ruleSet() {
    return ruleSet;
  }

  /** True when no rule applies to server-to-client messages. */
  public boolean masksNoResponses() {
    return responseText.isEmpty() && responseFields.length == 0;
  }

  /** True when no rule applies to client-to-server messages. */
  public boolean masksNoRequests() {
    return requestText.isEmpty() && requestFields.length == 0;
  }

  /**
   * Masks a server-to-client message (response, request or notification) in place.
   *
   * @throws RuntimeException on any internal failure; the caller must not send the message
   */
  public MaskResult maskMessage(ObjectNode jsonRpcMessage) {
    if (masksNoResponses()) {
      return MaskResult.NONE;
    }
    return new Walk(responseText, responseFields, hasher).message(jsonRpcMessage);
  }

  /**
   * As {@link #maskMessage(ObjectNode)}, and shows {@code observer} each (rule name, clear-text
   * value) masked. For the corpus scorer in the tests: the values must never reach a log.
   */
  MaskResult maskMessage(
      ObjectNode jsonRpcMessage, java.util.function.BiConsumer<String, String> observer) {
    Walk walk = new Walk(responseText, responseFields, hasher);
    walk.pass.observer = observer;
    return walk.message(jsonRpcMessage);
  }

  /**
   * Masks a client-to-server message in place with the rules whose direction is {@code request} or
   * {@code both}: tool and prompt arguments, completion values, and the client's own responses
   * (elicitation and sampling results).
   */
  public MaskResult maskArguments(ObjectNode jsonRpcMessage) {
    if (masksNoRequests()) {
      return MaskResult.NONE;
    }
    return new Walk(requestText, requestFields, hasher).message(jsonRpcMessage);
  }

  /** One traversal: the scratch state of a single call. */
  private static final class Walk {
    private final TextMasker text;
    private final FieldRule[] fields;
    private final Hasher hasher;
    private final TextMasker.Pass pass = new TextMasker.Pass();

    Walk(TextMasker text, FieldRule[] fields, Hasher hasher) {
      this.text = text;
      this.fields = fields;
      this.hasher = hasher;
    }

    MaskResult message(ObjectNode m) {
      for (Map.Entry<String, JsonNode> e : m.properties()) {
        String k = e.getKey();
        if (ProtocolFields.MESSAGE.contains(k)) {
          continue;
        }
        JsonNode v = e.getValue();
        switch (k) {
          case "params", "result" -> envelope(v);
          case "error" -> error(v);
          default -> replaceInObject(e, data(k, v, true, false));
        }
      }
      return pass.result();
    }

    private void error(JsonNode v) {
      if (!(v instanceof ObjectNode error)) {
        return;
      }
      for (Map.Entry<String, JsonNode> e : error.properties()) {
        if (!e.getKey().equals("code")) {
          replaceInObject(e, data(e.getKey(), e.getValue(), true, false));
        }
      }
    }

    /** {@code params} or {@code result}. */
    private void envelope(JsonNode v) {
      if (!(v instanceof ObjectNode obj)) {
        data(null, v, true, false);
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        JsonNode child = e.getValue();
        switch (k) {
          case "_meta" -> meta(child);
          case "content", "contents" -> blocks(child);
          case "messages" -> messages(child);
          case "tools", "prompts", "resources", "resourceTemplates" -> catalog(child);
          case "inputSchema", "outputSchema", "requestedSchema" -> schema(null, child);
          case "inputRequests" -> inputRequests(child);
          case "argument" -> completionArgument(child);
          default -> {
            if (!ProtocolFields.ENVELOPE.contains(k)) {
              // structuredContent, arguments, message, data, systemPrompt, instructions...
              if (removeOrReplace(it, e, data(k, child, true, true))) {
                continue;
              }
            }
          }
        }
      }
    }

    /** 2026-07-28 InputRequiredResult: a map of embedded server requests. */
    private void inputRequests(JsonNode v) {
      if (v instanceof ObjectNode requests) {
        for (JsonNode request : requests) {
          if (request instanceof ObjectNode r) {
            JsonNode params = r.get("params");
            if (params != null) {
              envelope(params);
            }
          }
        }
      }
    }

    private void completionArgument(JsonNode v) {
      if (v instanceof ObjectNode arg) {
        for (Map.Entry<String, JsonNode> e : arg.properties()) {
          if (!e.getKey().equals("name")) {
            replaceInObject(e, data(e.getKey(), e.getValue(), true, false));
          }
        }
      }
    }

    private void meta(JsonNode v) {
      if (!(v instanceof ObjectNode obj)) {
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!ProtocolFields.isReservedMeta(e.getKey())) {
          removeOrReplace(it, e, data(e.getKey(), e.getValue(), true, true));
        }
      }
    }

    /** A content block, an array of them, or resource contents. */
    private void blocks(JsonNode v) {
      if (v instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          JsonNode item = array.get(i);
          if (item instanceof ObjectNode block) {
            block(block);
          } else {
            replaceInArray(array, i, data(null, item, true, false));
          }
        }
      } else if (v instanceof ObjectNode block) {
        block(block);
      } else if (v != null) {
        data(null, v, true, false);
      }
    }

    private void block(ObjectNode block) {
      JsonNode typeNode = block.get("type");
      String type = typeNode != null && typeNode.isTextual() ? typeNode.textValue() : null;
      boolean toolUse = "tool_use".equals(type);
      for (Map.Entry<String, JsonNode> e : block.properties()) {
        String k = e.getKey();
        JsonNode child = e.getValue();
        if (ProtocolFields.BLOCK.contains(k)
            || ProtocolFields.isMediaPayload(k, type)
            || (toolUse && (k.equals("id") || k.equals("name")))) {
          continue;
        }
        switch (k) {
          case "_meta" -> meta(child);
          case "resource" -> blocks(child);
          case "content" -> blocks(child);
          default -> replaceInObject(e, data(k, child, true, false));
        }
      }
    }

    /** prompts/get and sampling {@code messages[]}: {role, content}. */
    private void messages(JsonNode v) {
      if (!(v instanceof ArrayNode array)) {
        data(null, v, true, false);
        return;
      }
      for (JsonNode item : array) {
        if (item instanceof ObjectNode message) {
          block(message);
        }
      }
    }

    /** tools/list, prompts/list, resources/list entries. */
    private void catalog(JsonNode v) {
      if (!(v instanceof ArrayNode array)) {
        data(null, v, true, false);
        return;
      }
      for (JsonNode item : array) {
        if (!(item instanceof ObjectNode entry)) {
          continue;
        }
        for (Map.Entry<String, JsonNode> e : entry.properties()) {
          String k = e.getKey();
          JsonNode child = e.getValue();
          if (ProtocolFields.CATALOG_ENTRY.contains(k)) {
            continue;
          }
          switch (k) {
            case "_meta" -> meta(child);
            case "inputSchema", "outputSchema" -> schema(null, child);
            case "arguments" -> promptArguments(child);
            default -> replaceInObject(e, data(k, child, true, false));
          }
        }
      }
    }

    private void promptArguments(JsonNode v) {
      if (v instanceof ArrayNode array) {
        for (JsonNode item : array) {
          if (item instanceof ObjectNode arg) {
            for (Map.Entry<String, JsonNode> e : arg.properties()) {
              if (!e.getKey().equals("name") && !e.getKey().equals("required")) {
                replaceInObject(e, data(e.getKey(), e.getValue(), true, false));
              }
            }
          }
        }
      }
    }

    /**
     * A JSON Schema: prose and examples are masked by the detectors, but field rules do not apply
     * (a property named {@code api_token} is a definition, not a token) and keywords stay.
     */
    private void schema(String key, JsonNode v) {
      if (v instanceof ObjectNode obj) {
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
          if (!ProtocolFields.SCHEMA_KEYWORDS.contains(e.getKey())) {
            JsonNode child = e.getValue();
            if (child.isContainerNode()) {
              schema(e.getKey(), child);
            } else {
              replaceInObject(e, data(e.getKey(), child, false, false));
            }
          }
        }
      } else if (v instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          JsonNode child = array.get(i);
          if (child.isContainerNode()) {
            schema(key, child);
          } else {
            replaceInArray(array, i, data(key, child, false, false));
          }
        }
      }
    }

    /**
     * Data: any JSON. Returns the node to put in place of {@code v}: {@code v} itself when
     * unchanged (containers are changed in place), a new node, or {@link #DROPPED}.
     */
    private JsonNode data(String key, JsonNode v, boolean fieldRules, boolean dropAllowed) {
      if (fieldRules && key != null && fields.length > 0) {
        FieldRule rule = fieldRule(key);
        if (rule != null) {
          if (rule.action().kind() == ActionKind.DROP && dropAllowed) {
            pass.count(rule.name());
            if (pass.observer != null && v.isValueNode()) {
              pass.observer.accept(rule.name(), v.asText());
            }
            return DROPPED;
          }
          return wholeValue(rule, v);
        }
      }
      if (v instanceof ObjectNode obj) {
        Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          removeOrReplace(it, e, data(e.getKey(), e.getValue(), fieldRules, true));
        }
        return v;
      }
      if (v instanceof ArrayNode array) {
        for (int i = array.size() - 1; i >= 0; i--) {
          JsonNode child = array.get(i);
          // The parent key was already checked against the field rules; nested objects get
          // their own keys checked, scalars keep the parent key only as a detector hint.
          JsonNode r =
              child.isContainerNode()
                  ? data(null, child, fieldRules, true)
                  : data(key, child, false, true);
          if (r == DROPPED) {
            array.remove(i);
          } else {
            replaceInArray(array, i, r);
          }
        }
        return v;
      }
      if (v.isTextual()) {
        String s = v.textValue();
        String masked = text.mask(s, key, false, dropAllowed, pass);
        if (masked == TextMasker.DROP) {
          return DROPPED;
        }
        return masked == s ? v : TextNode.valueOf(masked);
      }
      if (v.isIntegralNumber()) {
        String digits;
        if (v.canConvertToLong()) {
          long l = v.longValue();
          if (l > -1_000_000 && l < 1_000_000) {
            return v; // fewer than 7 digits: no card or phone number, and no allocation
          }
          digits = Long.toString(l);
        } else {
          digits = v.bigIntegerValue().toString();
        }
        String masked = text.mask(digits, key, true, dropAllowed, pass);
        if (masked == TextMasker.DROP) {
          return DROPPED;
        }
        return masked == digits ? v : TextNode.valueOf(masked);
      }
      return v;
    }

    private FieldRule fieldRule(String key) {
      for (FieldRule r : fields) {
        if (r.matches(key)) {
          return r;
        }
      }
      return null;
    }

    /** Applies a field rule to every scalar under {@code v} (the shape stays). */
    private JsonNode wholeValue(FieldRule rule, JsonNode v) {
      if (v instanceof ObjectNode obj) {
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
          e.setValue(wholeValue(rule, e.getValue()));
        }
        return v;
      }
      if (v instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          array.set(i, wholeValue(rule, array.get(i)));
        }
        return v;
      }
      String s;
      if (v.isTextual()) {
        s = v.textValue();
      } else if (v.isNumber()) {
        s = v.asText();
      } else {
        return v; // null and booleans carry nothing to hide
      }
      if (s.isEmpty()) {
        return v;
      }
      pass.count(rule.name());
      if (pass.observer != null) {
        pass.observer.accept(rule.name(), s);
      }
      return TextNode.valueOf(rule.action().apply(s, s, rule.name(), hasher));
    }

    private static void replaceInObject(Map.Entry<String, JsonNode> e, JsonNode r) {
      if (r == DROPPED) {
        // Drop is only allowed in data positions; here it degrades to the label (see data()).
        throw new IllegalStateException("drop outside a data position");
      }
      if (r != e.getValue()) {
        e.setValue(r);
      }
    }

    private static boolean removeOrReplace(
        Iterator<Map.Entry<String, JsonNode>> it, Map.Entry<String, JsonNode> e, JsonNode r) {
      if (r == DROPPED) {
        it.remove();
        return true;
      }
      if (r != e.getValue()) {
        e.setValue(r);
      }
      return false;
    }

    private static void replaceInArray(ArrayNode array, int i, JsonNode r) {
      if (r == DROPPED) {
        throw new IllegalStateException("drop outside a data position");
      }
      if (r != array.get(i)) {
        array.set(i, r);
      }
    }
  }
}
