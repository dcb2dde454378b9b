package dev.gatehouse.policy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A config tree node together with its JSON pointer, so every error names the key. Parsing is
 * strict: a misspelt key in a security section is an error, never silently ignored.
 */
public record ConfigNode(JsonNode node, String pointer) {

  public static ConfigNode root(JsonNode node, String pointer) {
    return new ConfigNode(node == null ? MissingNode.getInstance() : node, pointer);
  }

  /** Escapes one pointer segment (RFC 6901). */
  public static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  public boolean present() {
    return !node.isMissingNode() && !node.isNull();
  }

  public ConfigNode get(String key) {
    return new ConfigNode(node.path(key), pointer + "/" + escape(key));
  }

  public PolicyConfigException error(String message) {
    return new PolicyConfigException(pointer, message);
  }

  /** Requires an object (or absence) whose keys are all in {@code allowed}. */
  public ConfigNode requireObject(Set<String> allowed) {
    if (!present()) {
      return this;
    }
    if (!node.isObject()) {
      throw error("must be a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw get(key).error("unknown key (expected one of " + String.join(", ", allowed) + ")");
      }
    }
    return this;
  }

  public String text(String key, String fallback) {
    ConfigNode child = get(key);
    if (!child.present()) {
      return fallback;
    }
    if (!child.node.isTextual() || child.node.textValue().isBlank()) {
      throw child.error("must be a non-empty string");
    }
    return child.node.textValue();
  }

  public String requiredText(String key) {
    String value = text(key, null);
    if (value == null) {
      throw get(key).error("is required");
    }
    return value;
  }

  public boolean bool(String key, boolean fallback) {
    ConfigNode child = get(key);
    if (!child.present()) {
      return fallback;
    }
    if (!child.node.isBoolean()) {
      throw child.error("must be true or false");
    }
    return child.node.booleanValue();
  }

  public int positiveInt(String key, int fallback) {
    ConfigNode child = get(key);
    if (!child.present()) {
      return fallback;
    }
    if (!child.node.canConvertToInt()
        || !child.node.isIntegralNumber()
        || child.node.intValue() < 1) {
      throw child.error("must be a positive integer");
    }
    return child.node.intValue();
  }

  /** A duration as text ({@code 30s}) or a number of seconds. */
  public Duration duration(String key, Duration fallback) {
    ConfigNode child = get(key);
    if (!child.present()) {
      return fallback;
    }
    Duration d;
    if (child.node.isIntegralNumber()) {
      d = Duration.ofSeconds(child.node.longValue());
    } else if (child.node.isTextual()) {
      try {
        d = Durations.parse(child.node.textValue());
      } catch (IllegalArgumentException e) {
        throw child.error(e.getMessage());
      }
    } else {
      throw child.error("must be a duration such as 30s, 10m or 12h");
    }
    if (d.isNegative()) {
      throw child.error("must not be negative");
    }
    return d;
  }

  public URI uri(String key, URI fallback) {
    String text = text(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      URI uri = new URI(text);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw get(key).error("must be an absolute http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw get(key).error("not a valid URL: " + e.getReason());
    }
  }

  /** A string or a list of strings; empty list when absent. */
  public List<String> texts(String key) {
    ConfigNode child = get(key);
    if (!child.present()) {
      return List.of();
    }
    if (child.node.isTextual()) {
      return List.of(child.requireItemText(child.node));
    }
    if (!child.node.isArray()) {
      throw child.error("must be a string or a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < child.node.size(); i++) {
      ConfigNode item = new ConfigNode(child.node.get(i), child.pointer + "/" + i);
      out.add(item.requireItemText(item.node));
    }
    return List.copyOf(out);
  }

  private String requireItemText(JsonNode value) {
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw error("must be a non-empty string");
    }
    return value.textValue();
  }

  public List<ConfigNode> items(String key) {
    return get(key).asList();
  }

  /** This node's elements (it must be a list); empty when absent. */
  public List<ConfigNode> asList() {
    if (!present()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw error("must be a list");
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(new ConfigNode(node.get(i), pointer + "/" + i));
    }
    return out;
  }

  /** A mapping of name to a string or list of strings, e.g. {@code staticGroups}. */
  public Map<String, Set<String>> textSets(String key) {
    ConfigNode child = get(key);
    if (!child.present()) {
      return Map.of();
    }
    if (!child.node.isObject()) {
      throw child.error("must be a mapping of names to lists");
    }
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (Iterator<String> it = child.node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      out.put(name, Set.copyOf(new LinkedHashSet<>(child.texts(name))));
    }
    return Map.copyOf(out);
  }
}
