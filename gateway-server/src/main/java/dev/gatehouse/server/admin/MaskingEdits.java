package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * The per-rule changes of the admin API, as edits of the canonical masking JSON ({@code
 * MaskingRules.toJson()}): {@code sets.<set>.custom[]} and {@code sets.<set>.fields[]} are lists of
 * rules keyed by {@code name}; {@code sets.<set>.detectors} maps a built-in detector to its
 * options. An edit only reshapes the JSON; whether the result is valid is decided by parsing it,
 * the same way as the configuration file, so the admin API can never accept what a start would
 * refuse.
 */
final class MaskingEdits {
  /** The rule lists of a set that hold named rules. */
  enum RuleList {
    CUSTOM("custom"),
    FIELDS("fields");

    final String key;

    RuleList(String key) {
      this.key = key;
    }

    static RuleList of(String segment) {
      for (RuleList l : values()) {
        if (l.key.equals(segment)) {
          return l;
        }
      }
      return null;
    }
  }

  private MaskingEdits() {}

  /** The rule set {@code set} of {@code rules}; 404 when there is none. */
  static ObjectNode set(ObjectNode rules, String set) {
    JsonNode node = rules.path("sets").path(set);
    if (!(node instanceof ObjectNode found)) {
      throw AdminProblem.notFound(
          "no masking rule set '" + set + "' (sets: " + String.join(", ", setNames(rules)) + ")");
    }
    return found;
  }

  /** The named rule in a set's list; 404 when absent. */
  static ObjectNode rule(ObjectNode rules, String set, RuleList list, String name) {
    ArrayNode items = list(rules, set, list);
    int i = indexOf(items, name);
    if (i < 0) {
      throw AdminProblem.notFound("no " + list.key + " rule '" + name + "' in set '" + set + "'");
    }
    return (ObjectNode) items.get(i);
  }

  static ArrayNode list(ObjectNode rules, String set, RuleList list) {
    return set(rules, set).withArrayProperty(list.key);
  }

  /** Adds {@code rule} to the list; 409 when a rule of that name exists there already. */
  static UnaryOperator<ObjectNode> add(String set, RuleList list, JsonNode rule) {
    ObjectNode given = requireObject(rule);
    String name = given.path("name").asText("");
    if (name.isEmpty()) {
      throw AdminProblem.badRequest("the rule needs a 'name'");
    }
    return rules -> {
      ArrayNode items = list(rules, set, list);
      if (indexOf(items, name) >= 0) {
        throw new AdminProblem(
            409,
            "conflict",
            "set '"
                + set
                + "' already has a "
                + list.key
                + " rule '"
                + name
                + "'; PUT to change it");
      }
      items.add(given);
      return rules;
    };
  }

  /** Replaces the named rule; 404 when absent. A {@code name} in the body must be the same. */
  static UnaryOperator<ObjectNode> replace(String set, RuleList list, String name, JsonNode rule) {
    ObjectNode given = requireObject(rule);
    if (given.has("name") && !given.path("name").asText().equals(name)) {
      throw AdminProblem.badRequest(
          "the body names rule '"
              + given.path("name").asText()
              + "' but the path names '"
              + name
              + "' (to rename, DELETE and POST)");
    }
    given.put("name", name);
    return rules -> {
      ArrayNode items = list(rules, set, list);
      int i = indexOf(items, name);
      if (i < 0) {
        throw AdminProblem.notFound(
            "no " + list.key + " rule '" + name + "' in set '" + set + "' (POST to add it)");
      }
      items.set(i, given);
      return rules;
    };
  }

  /** Removes the named rule; 404 when absent. */
  static UnaryOperator<ObjectNode> remove(String set, RuleList list, String name) {
    return rules -> {
      ArrayNode items = list(rules, set, list);
      int i = indexOf(items, name);
      if (i < 0) {
        throw AdminProblem.notFound("no " + list.key + " rule '" + name + "' in set '" + set + "'");
      }
      items.remove(i);
      return rules;
    };
  }

  /** The options of a built-in detector in a set; 404 when it is not on there. */
  static ObjectNode detector(ObjectNode rules, String set, String name) {
    JsonNode options = set(rules, set).path("detectors").path(name);
    if (!(options instanceof ObjectNode found)) {
      throw AdminProblem.notFound("detector '" + name + "' is not on in set '" + set + "'");
    }
    return found;
  }

  /** Turns a built-in detector on in a set with {@code options} (replacing any it had). */
  static UnaryOperator<ObjectNode> putDetector(String set, String name, JsonNode options) {
    ObjectNode given = requireObject(options);
    return rules -> {
      set(rules, set).withObjectProperty("detectors").set(name, given);
      return rules;
    };
  }

  /** Turns a built-in detector off in a set; 404 when it was not on. */
  static UnaryOperator<ObjectNode> removeDetector(String set, String name) {
    return rules -> {
      detector(rules, set, name);
      set(rules, set).withObjectProperty("detectors").remove(name);
      return rules;
    };
  }

  private static ObjectNode requireObject(JsonNode body) {
    if (!(body instanceof ObjectNode object)) {
      throw AdminProblem.badRequest("the body must be a JSON object");
    }
    return object.deepCopy();
  }

  private static java.util.List<String> setNames(ObjectNode rules) {
    java.util.List<String> names = new java.util.ArrayList<>();
    rules.path("sets").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static int indexOf(ArrayNode items, String name) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).path("name").asText().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
