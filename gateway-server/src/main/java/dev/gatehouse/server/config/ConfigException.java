package dev.gatehouse.server.config;

/**
 * A configuration error that names the key (as a JSON pointer, e.g. {@code
 * /connections/demo/upstream}) and, where known, the line in the YAML file.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pointer;
  private final int line;

  public ConfigException(String pointer, int line, String message) {
    super(format(pointer, line, message));
    this.pointer = pointer;
    this.line = line;
  }

  public ConfigException(String pointer, String message) {
    this(pointer, -1, message);
  }

  public String pointer() {
    return pointer;
  }

  /** 1-based line, or -1 when unknown. */
  public int line() {
    return line;
  }

  private static String format(String pointer, int line, String message) {
    String where = line > 0 ? " (line " + line + ")" : "";
    return "config key " + pointer + where + ": " + message;
  }
}
