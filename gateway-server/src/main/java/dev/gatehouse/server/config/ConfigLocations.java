package dev.gatehouse.server.config;

import java.util.Map;

/**
 * Where each key of the YAML file is: JSON pointer → 1-based line. Built by {@link YamlTreeReader}
 * while it parses, so every error can name the line a person has to edit.
 *
 * <p>A pointer that is not in the file (a missing required key, say) resolves to the line of its
 * closest ancestor that is: "missing upstream" points at the connection that lacks it.
 */
public final class ConfigLocations {
  private static final ConfigLocations NONE = new ConfigLocations("<code>", Map.of());

  private final String sourceName;
  private final Map<String, Integer> lines;

  ConfigLocations(String sourceName, Map<String, Integer> lines) {
    this.sourceName = sourceName;
    this.lines = Map.copyOf(lines);
  }

  /** Locations of a configuration built in code (demo, tests): every lookup answers -1. */
  public static ConfigLocations none() {
    return NONE;
  }

  /** The file name (or test label) the configuration came from. */
  public String sourceName() {
    return sourceName;
  }

  /**
   * The line of {@code pointer}, or of its closest ancestor present in the file; -1 when not even
   * the root is known (configuration built in code).
   */
  public int locate(String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return -1;
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /** {@code e} with the line of its pointer filled in (unchanged when it already has one). */
  public ConfigException withLine(ConfigException e) {
    if (e.line() > 0) {
      return e;
    }
    int line = locate(e.pointer());
    if (line <= 0) {
      return e;
    }
    ConfigException located = new ConfigException(e.pointer(), line, e.detail());
    located.initCause(e.getCause());
    return located;
  }

  /** Escapes one key for use as a JSON pointer segment (RFC 6901). */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** {@code parent} + "/" + escaped {@code key}. */
  public static String child(String parent, String key) {
    return parent + "/" + escape(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigLocations other
        && sourceName.equals(other.sourceName)
        && lines.equals(other.lines);
  }

  @Override
  public int hashCode() {
    return sourceName.hashCode() * 31 + lines.hashCode();
  }

  @Override
  public String toString() {
    return "ConfigLocations[" + sourceName + ", " + lines.size() + " keys]";
  }
}
