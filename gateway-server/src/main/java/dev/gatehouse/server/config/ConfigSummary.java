package dev.gatehouse.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A few log lines that say what a started gateway is doing: listeners, connections, limits, and
 * which feature sections are present. Never prints a secret (credentials show the header only).
 */
public final class ConfigSummary {
  private ConfigSummary() {}

  public static List<String> lines(GatehouseConfig config) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "config "
            + config.locations().sourceName()
            + " (sha256 "
            + config.sourceHash()
            + ")"
            + (config.gateway().demo() ? " [DEMO PROFILE]" : ""));
    ListenerSettings.Endpoint mcp = config.listeners().mcp();
    ListenerSettings.Endpoint admin = config.listeners().admin();
    lines.add(
        "instance "
            + config.gateway().instance()
            + ", public URL "
            + config.gateway().publicUrl()
            + ", MCP listener "
            + mcp.host()
            + ":"
            + mcp.port()
            + ", admin listener "
            + admin.host()
            + ":"
            + admin.port());
    for (Map.Entry<String, ConnectionSettings> e :
        config.connections().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      ConnectionSettings c = e.getValue();
      lines.add(
          "connection /mcp/"
              + c.name()
              + " -> "
              + c.upstream()
              + (c.legacySseUpstream() == null ? "" : " (legacy SSE " + c.legacySseUpstream() + ")")
              + (c.credential() == null
                  ? ", no upstream credential"
                  : ", upstream credential in header " + c.credential().header()));
    }
    HttpSettings http = config.http();
    lines.add(
        "http: max body "
            + Units.formatSize(http.maxBodyBytes())
            + ", max header "
            + Units.formatSize(http.maxHeaderBytes())
            + ", allowed hosts "
            + (http.allowedHosts().isEmpty() ? "any" : http.allowedHosts())
            + ", allowed origins "
            + (http.allowedOrigins().isEmpty() ? "none" : http.allowedOrigins()));
    TimeoutSettings t = config.timeouts();
    PoolSettings p = config.pool();
    lines.add(
        "timeouts: connect "
            + Units.formatDuration(t.connect())
            + ", response "
            + Units.formatDuration(t.response())
            + ", request "
            + Units.formatDuration(t.request())
            + ", sseIdle "
            + Units.formatDuration(t.sseIdle())
            + "; pool: "
            + p.maxConnections()
            + " connections, "
            + p.maxPendingAcquires()
            + " pending, idle "
            + Units.formatDuration(p.idleTimeout())
            + ", lifetime "
            + Units.formatDuration(p.maxLifetime()));
    List<String> features =
        ConfigLoader.FEATURE_SECTIONS.stream()
            .sorted()
            .filter(s -> !config.section(s).isMissingNode())
            .toList();
    lines.add("feature sections: " + (features.isEmpty() ? "none" : String.join(", ", features)));
    return lines;
  }
}
