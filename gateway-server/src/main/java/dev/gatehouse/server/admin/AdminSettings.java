package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.GatehouseConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The {@code admin:} section (docs/admin-api.md). Who may use the admin API is {@code
 * auth.adminGroup}; this section only says where run-time changes are kept.
 *
 * @param stateDir where changes made through the admin API are persisted (created on the first
 *     change); a relative path is relative to the working directory, like {@code audit.dir}
 */
public record AdminSettings(Path stateDir) {
  public static final String DEFAULT_STATE_DIR = "state";
  private static final Set<String> KEYS = Set.of("stateDir");

  /** Reads the section; absent means every default. */
  public static AdminSettings from(GatehouseConfig config) {
    JsonNode admin = config.section("admin");
    if (admin.isMissingNode() || admin.isNull()) {
      return new AdminSettings(Path.of(DEFAULT_STATE_DIR));
    }
    if (!admin.isObject()) {
      throw new ConfigException("/admin", "must be a mapping");
    }
    Iterator<String> names = admin.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new ConfigException("/admin/" + name, "unknown key (known: stateDir)");
      }
    }
    JsonNode dir = admin.get("stateDir");
    if (dir == null || dir.isNull()) {
      return new AdminSettings(Path.of(DEFAULT_STATE_DIR));
    }
    if (!dir.isTextual() || dir.textValue().isBlank()) {
      throw new ConfigException("/admin/stateDir", "must be a non-empty path");
    }
    try {
      return new AdminSettings(Path.of(dir.textValue()));
    } catch (InvalidPathException e) {
      throw new ConfigException("/admin/stateDir", "not a valid path: " + e.getReason());
    }
  }

  /** Validation only, for {@code config check}. */
  public static void check(GatehouseConfig config) {
    from(config);
  }
}
