package dev.gatehouse.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one YAML document into a Jackson tree and, in the same pass, records the line of every key
 * (JSON pointer → line). Jackson's own {@code readTree} throws token locations away, and we need
 * them for every error message.
 *
 * <p>Stricter than plain YAML on purpose: duplicate keys, aliases and a second document are errors,
 * because each of them makes "what does this file say" ambiguous for a security configuration.
 */
final class YamlTreeReader {
  // "key:" with nothing after it is null in YAML; without this feature Jackson reads it as "".
  private static final YAMLFactory YAML =
      YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Map<String, Integer> lines = new HashMap<>();
  private String current = "";

  private YamlTreeReader() {}

  record Result(JsonNode tree, ConfigLocations locations) {}

  /** Parses {@code yaml}; an empty document gives an empty object. */
  static Result read(String yaml, String sourceName) {
    YamlTreeReader reader = new YamlTreeReader();
    try (YAMLParser parser = YAML.createParser(yaml)) {
      JsonToken first = parser.nextToken();
      JsonNode tree = first == null ? NODES.objectNode() : reader.value(parser, "");
      if (!tree.isObject()) {
        throw new ConfigException("", line(parser), "the file must be a YAML mapping of sections");
      }
      if (parser.nextToken() != null) {
        throw new ConfigException(
            "", line(parser), "only one YAML document is allowed (found a second '---')");
      }
      return new Result(tree, new ConfigLocations(sourceName, reader.lines));
    } catch (JacksonException e) {
      JsonLocation where = e.getLocation();
      int line = where == null ? -1 : where.getLineNr();
      throw new ConfigException(reader.current, line, "invalid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      // Reading from a String: only the parser's own exceptions above are possible.
      throw new ConfigException("", "cannot read YAML: " + e.getMessage());
    }
  }

  private JsonNode value(YAMLParser p, String pointer) throws IOException {
    current = pointer;
    if (p.isCurrentAlias()) {
      throw new ConfigException(
          pointer, line(p), "YAML aliases (*name) are not supported: write the value out");
    }
    JsonToken token = p.currentToken();
    return switch (token) {
      case START_OBJECT -> object(p, pointer);
      case START_ARRAY -> array(p, pointer);
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> NODES.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new ConfigException(pointer, line(p), "unexpected YAML token " + token);
    };
  }

  private ObjectNode object(YAMLParser p, String pointer) throws IOException {
    ObjectNode node = NODES.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String child = ConfigLocations.child(pointer, key);
      int keyLine = line(p);
      if (node.has(key)) {
        throw new ConfigException(
            child,
            keyLine,
            "duplicate key (first at line " + lines.get(child) + "): each key may appear once");
      }
      lines.put(child, keyLine);
      p.nextToken();
      node.set(key, value(p, child));
    }
    return node;
  }

  private ArrayNode array(YAMLParser p, String pointer) throws IOException {
    ArrayNode node = NODES.arrayNode();
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String child = pointer + "/" + index++;
      lines.put(child, line(p));
      node.add(value(p, child));
    }
    return node;
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
