package dev.gatehouse.server.config;

import java.util.List;
import java.util.function.Consumer;

/**
 * The checks of the feature sections ({@code auth}, {@code audit}, {@code masking}, {@code
 * policies}, {@code admin}, and {@code access}/{@code masking} inside connections), run after
 * {@link ConfigLoader} by both {@code gatehouse serve} and {@code gatehouse config check}, so that
 * a file that passes the check also starts.
 *
 * <p>Each feature's owner adds its settings reader to {@link #CHECKS}; it throws {@link
 * ConfigException} with the key's pointer, and {@link #check} adds the line.
 */
public final class FeatureSections {

  /**
   * One entry per feature section reader, e.g. {@code config -> AuthSettings.from(config)}.
   * Extended as features land; empty while no feature section has a reader yet.
   */
  static final List<Consumer<GatehouseConfig>> CHECKS =
      List.of(
          dev.gatehouse.server.features.IdentityFeature::check,
          dev.gatehouse.server.features.AuditFeature::check,
          dev.gatehouse.server.admin.AdminSettings::check,
          dev.gatehouse.server.features.MaskingFeature::check);

  private FeatureSections() {}

  /** Runs every feature check; the first error comes back with its line filled in. */
  public static GatehouseConfig check(GatehouseConfig config) {
    for (Consumer<GatehouseConfig> check : CHECKS) {
      try {
        check.accept(config);
      } catch (ConfigException e) {
        throw config.withLine(e);
      }
    }
    return config;
  }

  /** Loads {@code file} and checks every section: what {@code serve} and {@code check} run. */
  public static GatehouseConfig load(java.nio.file.Path file) {
    return check(ConfigLoader.load(file));
  }
}
