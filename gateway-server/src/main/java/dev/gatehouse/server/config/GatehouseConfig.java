package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The whole configuration, resolved and validated. Built by {@link ConfigLoader} from one YAML
 * file; see docs/configuration.md. Sections owned by other features ({@code auth}, {@code audit},
 * {@code masking}, {@code policies}) stay as JSON trees here and are read by their own settings
 * classes, which report errors through {@link ConfigException} with the key's JSON pointer.
 *
 * @param gateway identity of this gateway instance and its public URL
 * @param listeners where the MCP and admin listeners bind
 * @param http request hygiene limits and Host/Origin allow-lists
 * @param timeouts the named timeouts of the data path
 * @param pool upstream connection pool limits
 * @param connections the MCP connections by name ({@code /mcp/{name}})
 * @param sections the raw tree of the whole file, for feature sections
 * @param sourceHash SHA-256 (hex) of the file's bytes: the "config hash" of audit records
 */
public record GatehouseConfig(
    GatewaySettings gateway,
    ListenerSettings listeners,
    HttpSettings http,
    TimeoutSettings timeouts,
    PoolSettings pool,
    Map<String, ConnectionSettings> connections,
    JsonNode sections,
    String sourceHash) {

  public GatehouseConfig {
    connections = Map.copyOf(connections);
  }

  /** The raw tree of a feature section ({@code auth}, {@code audit}, …), or a missing node. */
  public JsonNode section(String name) {
    return sections == null
        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : sections.path(name);
  }
}
