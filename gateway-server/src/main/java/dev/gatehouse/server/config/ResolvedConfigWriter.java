package dev.gatehouse.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Prints a resolved configuration as YAML in the file's own syntax, every default filled in and
 * every secret replaced by {@link #REDACTED}: what {@code gatehouse config check} shows, so that an
 * operator sees what the gateway will actually do, and can paste it into a ticket safely.
 */
public final class ResolvedConfigWriter {
  /** What a secret value prints as. */
  public static final String REDACTED = "<redacted>";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .build());

  private ResolvedConfigWriter() {}

  /** The resolved configuration as a tree (secrets redacted). */
  public static ObjectNode toTree(GatehouseConfig config) {
    ObjectNode root = NODES.objectNode();
    ObjectNode gateway = root.putObject("gateway");
    gateway.put("instance", config.gateway().instance());
    gateway.put("publicUrl", config.gateway().publicUrl());
    if (config.gateway().demo()) {
      gateway.put("demo", true);
    }

    ObjectNode listeners = root.putObject("listeners");
    endpoint(listeners.putObject("mcp"), config.listeners().mcp());
    endpoint(listeners.putObject("admin"), config.listeners().admin());

    ObjectNode http = root.putObject("http");
    http.put("maxBodySize", Units.formatSize(config.http().maxBodyBytes()));
    http.put("maxHeaderSize", Units.formatSize(config.http().maxHeaderBytes()));
    strings(http.putArray("allowedHosts"), config.http().allowedHosts());
    strings(http.putArray("allowedOrigins"), config.http().allowedOrigins());

    ObjectNode timeouts = root.putObject("timeouts");
    timeouts.put("connect", Units.formatDuration(config.timeouts().connect()));
    timeouts.put("response", Units.formatDuration(config.timeouts().response()));
    timeouts.put("request", Units.formatDuration(config.timeouts().request()));
    timeouts.put("sseIdle", Units.formatDuration(config.timeouts().sseIdle()));

    ObjectNode pool = root.putObject("pool");
    pool.put("maxConnections", config.pool().maxConnections());
    pool.put("maxPendingAcquires", config.pool().maxPendingAcquires());
    pool.put("idleTimeout", Units.formatDuration(config.pool().idleTimeout()));
    pool.put("maxLifetime", Units.formatDuration(config.pool().maxLifetime()));

    ObjectNode connections = root.putObject("connections");
    for (Map.Entry<String, ConnectionSettings> e : sorted(config.connections())) {
      connection(connections.putObject(e.getKey()), e.getValue(), config);
    }

    // Feature sections are printed as written: their owners validate them, and they hold no
    // inline secrets by the same rule as the rest of the file.
    for (String section : ConfigLoader.FEATURE_SECTIONS.stream().sorted().toList()) {
      JsonNode raw = config.section(section);
      if (!raw.isMissingNode()) {
        root.set(section, raw.deepCopy());
      }
    }
    return root;
  }

  /** The resolved configuration as YAML text (secrets redacted). */
  public static String toYaml(GatehouseConfig config) {
    try {
      return YAML.writeValueAsString(toTree(config));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  private static void connection(ObjectNode out, ConnectionSettings c, GatehouseConfig config) {
    out.put("upstream", c.upstream().toString());
    URI legacy = c.legacySseUpstream();
    if (legacy != null) {
      out.put("legacySseUpstream", legacy.toString());
    }
    String at = "/connections/" + ConfigLocations.escape(c.name());
    if (c.credential() != null) {
      // Where the secret comes from is safe to show and helps; the secret itself never is.
      ObjectNode credential = out.putObject("credential");
      credential.put("header", c.credential().header());
      JsonNode raw = config.sections() == null ? null : config.sections().at(at + "/credential");
      for (String source : List.of("fromEnv", "fromFile", "prefix")) {
        if (raw != null && raw.hasNonNull(source)) {
          credential.put(source, raw.get(source).asText());
        }
      }
      credential.put("value", REDACTED);
    }
    for (String key : ConfigLoader.CONNECTION_FEATURE_KEYS.stream().sorted().toList()) {
      JsonNode raw = config.sections() == null ? null : config.sections().at(at + "/" + key);
      if (raw != null && !raw.isMissingNode()) {
        out.set(key, raw.deepCopy());
      }
    }
  }

  private static void endpoint(ObjectNode out, ListenerSettings.Endpoint e) {
    out.put("host", e.host());
    out.put("port", e.port());
  }

  private static void strings(ArrayNode out, List<String> in) {
    in.forEach(out::add);
  }

  private static List<Map.Entry<String, ConnectionSettings>> sorted(
      Map<String, ConnectionSettings> connections) {
    return connections.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
  }
}
