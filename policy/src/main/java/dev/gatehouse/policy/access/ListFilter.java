package dev.gatehouse.policy.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Identity;
import java.util.Iterator;

/**
 * Removes from a list result what the identity may not use, with {@link AccessPolicy#decideTarget}:
 * the same predicate that decides calls.
 */
public final class ListFilter {
  private ListFilter() {}

  /** Where each list method keeps its items and which field names an item. */
  private record Shape(String array, String key, Target target) {}

  /** True for the four list methods this filter knows. */
  public static boolean isListMethod(String method) {
    return shape(method) != null;
  }

  /**
   * Filters {@code result} (the {@code result} object of a list response) in place.
   *
   * @return how many items were removed; an item without a name string is removed too
   */
  public static int filter(
      String method, ObjectNode result, AccessPolicy policy, Identity identity) {
    Shape shape = shape(method);
    if (shape == null
        || result == null
        || !(result.get(shape.array()) instanceof ArrayNode items)) {
      return 0;
    }
    int removed = 0;
    for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
      JsonNode item = it.next();
      JsonNode name = item.get(shape.key());
      if (name == null
          || !name.isTextual()
          || !policy.decideTarget(identity, shape.target(), name.textValue()).allowed()) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  private static Shape shape(String method) {
    if (method == null) {
      return null;
    }
    return switch (method) {
      case "tools/list" -> new Shape("tools", "name", Target.TOOL);
      case "prompts/list" -> new Shape("prompts", "name", Target.PROMPT);
      case "resources/list" -> new Shape("resources", "uri", Target.RESOURCE);
      case "resources/templates/list" ->
          new Shape("resourceTemplates", "uriTemplate", Target.RESOURCE);
      default -> null;
    };
  }
}
