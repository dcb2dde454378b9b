package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;

/**
 * The whole configuration, resolved and validated. Built by {@link ConfigLoader} from one YAML
 * file; see docs/configuration.md. Sections owned by other features ({@code auth}, {@code audit},
 * {@code masking}, {@code policies}) stay as JSON trees here and are read by their own settings
 * classes, which report errors through {@link ConfigException} with the key's JSON pointer; {@link
 * #withLine(ConfigException)} then adds the line of that key in the file.
 *
 * @param gateway identity of this gateway instance and its public URL
 * @param listeners where the MCP and admin listeners bind
 * @param http request hygiene limits and Host/Origin allow-lists
 * @param timeouts the named timeouts of the data path
 * @param pool upstream connection pool limits
 * @param connections the MCP connections by name ({@code /mcp/{name}})
 * @param sections the raw tree of the whole file, for feature sections
 * @param sourceHash SHA-256 (hex) of the file's bytes: the "config hash" of audit records
 * @param locations where each key is in the file ({@link ConfigLocations#none()} for a
 *     configuration built in code)
 */
public record GatehouseConfig(
    GatewaySettings gateway,
    ListenerSettings listeners,
    HttpSettings http,
    TimeoutSettings timeouts,
    PoolSettings pool,
    Map<String, ConnectionSettings> connections,
    JsonNode sections,
    String sourceHash,
    ConfigLocations locations) {

  public GatehouseConfig {
    connections = Map.copyOf(connections);
    locations = locations == null ? ConfigLocations.none() : locations;
  }

  /** A configuration built in code (demo, tests): no file, so no line numbers. */
  public GatehouseConfig(
      GatewaySettings gateway,
      ListenerSettings listeners,
      HttpSettings http,
      TimeoutSettings timeouts,
      PoolSettings pool,
      Map<String, ConnectionSettings> connections,
      JsonNode sections,
      String sourceHash) {
    this(
        gateway,
        listeners,
        http,
        timeouts,
        pool,
        connections,
        sections,
        sourceHash,
        ConfigLocations.none());
  }

  /** The raw tree of a feature section ({@code auth}, {@code audit}, …), or a missing node. */
  public JsonNode section(String name) {
    return sections == null ? MissingNode.getInstance() : sections.path(name);
  }

  /** The line of {@code pointer} (or its closest ancestor) in the file; -1 when unknown. */
  public int locate(String pointer) {
    return locations.locate(pointer);
  }

  /** {@code e} with the line of its key filled in, for errors found in feature sections. */
  public ConfigException withLine(ConfigException e) {
    return locations.withLine(e);
  }
}
