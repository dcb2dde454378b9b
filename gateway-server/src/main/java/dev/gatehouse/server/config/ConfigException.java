package dev.gatehouse.server.config;

/**
 * A configuration error that names the key (as a JSON pointer, e.g. {@code
 * /connections/demo/upstream}) and, where known, the line in the YAML file.
 *
 * <p>Owners of feature sections throw it with the pointer only; {@link
 * ConfigLocations#withLine(ConfigException)} (also reachable as {@link
 * GatehouseConfig#withLine(ConfigException)}) adds the line afterwards.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pointer;
  private final int line;
  private final String detail;

  public ConfigException(String pointer, int line, String message) {
    super(format(pointer, line, message));
    this.pointer = pointer;
    this.line = line;
    this.detail = message;
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

  /** The message without the "config key … (line N):" prefix. */
  public String detail() {
    return detail;
  }

  private static String format(String pointer, int line, String message) {
    String where = line > 0 ? " (line " + line + ")" : "";
    // The root pointer "" names the file as a whole (unreadable, not YAML, empty …).
    String subject = pointer.isEmpty() ? "config" : "config key " + pointer;
    return subject + where + ": " + message;
  }
}
