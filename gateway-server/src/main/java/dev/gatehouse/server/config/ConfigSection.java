package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping in the configuration file with its JSON pointer: typed reads that turn every mistake
 * into a {@link ConfigException} naming the key and its line. An absent or {@code null} section
 * reads as empty, so every key falls back to its default.
 */
final class ConfigSection {
  private final JsonNode node;
  private final String pointer;
  private final ConfigLocations locations;

  private ConfigSection(JsonNode node, String pointer, ConfigLocations locations) {
    this.node = node;
    this.pointer = pointer;
    this.locations = locations;
  }

  static ConfigSection root(JsonNode tree, ConfigLocations locations) {
    return new ConfigSection(tree, "", locations);
  }

  String pointer() {
    return pointer;
  }

  String pointerOf(String key) {
    return ConfigLocations.child(pointer, key);
  }

  ConfigException error(String key, String message) {
    return errorAt(key == null ? pointer : pointerOf(key), message);
  }

  ConfigException errorAt(String at, String message) {
    return new ConfigException(at, locations.locate(at), message);
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /** The keys present in this section, in file order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      keys.add(e.getKey());
    }
    return keys;
  }

  /** The child mapping {@code key}; empty when absent. */
  ConfigSection section(String key) {
    JsonNode v = node.get(key);
    if (v != null && !v.isNull() && !v.isObject()) {
      throw error(key, "must be a mapping of keys, found " + describe(v));
    }
    return new ConfigSection(
        v == null || v.isNull() ? MissingNode.getInstance() : v, pointerOf(key), locations);
  }

  /** Refuses any key not in {@code known}: a misspelt key would otherwise be silently ignored. */
  void rejectUnknownKeys(Set<String> known) {
    for (String key : keys()) {
      if (!known.contains(key)) {
        String hint = closest(key, known);
        throw error(
            key,
            "unknown key"
                + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                + "; known keys here: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  String string(String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw error(key, "must be a non-empty string, found " + describe(v));
    }
    return v.asText();
  }

  int integer(String key, int fallback, int min, int max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw error(key, "must be a whole number from " + min + " to " + max + ", found " + text(v));
    }
    return (int) v.asLong();
  }

  Duration duration(String key, Duration fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    Duration d = v.isTextual() ? Units.parseDuration(v.asText()).orElse(null) : null;
    if (d == null || d.isZero()) {
      throw error(
          key,
          "must be a positive duration with a unit (ms, s, m or h), e.g. 250ms, 5s, 2m, 1h;"
              + " found "
              + text(v));
    }
    return d;
  }

  long size(String key, long fallback, long max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    Long bytes = null;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      bytes = v.asLong();
    } else if (v.isTextual()) {
      bytes = Units.parseSize(v.asText()).orElse(null);
    }
    if (bytes == null || bytes <= 0 || bytes > max) {
      throw error(
          key,
          "must be a positive size in bytes or with a binary unit (B, KiB, MiB, GiB), e.g. 16KiB"
              + " or 4MiB, at most "
              + Units.formatSize(max)
              + "; found "
              + text(v));
    }
    return bytes;
  }

  /** A list of non-empty strings; {@code null} when absent (so the caller can pick a default). */
  List<String> stringList(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw error(key, "must be a list of strings, found " + describe(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw errorAt(
            pointerOf(key) + "/" + i, "must be a non-empty string, found " + describe(item));
      }
      out.add(item.asText());
    }
    return out;
  }

  private static String describe(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return text(v);
  }

  private static String text(JsonNode v) {
    if (v.isTextual()) {
      return "'" + v.asText() + "'";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return v.toString();
  }

  /** The known key within edit distance 2 of {@code key}, if there is one. */
  private static String closest(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
