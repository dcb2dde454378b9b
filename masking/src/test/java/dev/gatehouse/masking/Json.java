package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.JsonRpcParser;

/** Test helper: JSON text with single quotes for readability. */
final class Json {
  private Json() {}

  static ObjectNode obj(String singleQuoted) {
    return (ObjectNode) node(singleQuoted);
  }

  static JsonNode node(String singleQuoted) {
    try {
      return JsonRpcParser.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
