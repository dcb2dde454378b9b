package dev.gatehouse.server.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.RequestSlot;
import dev.gatehouse.core.ResponseSlot;
import dev.gatehouse.masking.MaskingConfigException;
import dev.gatehouse.masking.MaskingFilter;
import dev.gatehouse.masking.MaskingRequestFilter;
import dev.gatehouse.masking.MaskingRules;
import dev.gatehouse.server.admin.AdminSettings;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.GatehouseConfig;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inline masking from the {@code masking} section (docs/masking.md). Without the section every
 * built-in detector is on for every connection: sensitive data leaving in clear text must be a
 * choice someone wrote down, never an omission. Rules live in the filter and can be swapped at run
 * time; the next message uses the new set.
 *
 * <p>Rules changed through the admin API are saved in {@code admin.stateDir} ({@link
 * MaskingStateFile}); when that file exists it is loaded at start instead of the configuration
 * file's section, and the log says so. A state file that cannot be read or holds invalid rules
 * stops the start: silently falling back to other rules would undo a change an admin made.
 */
public final class MaskingFeature {
  private static final Logger log = LoggerFactory.getLogger(MaskingFeature.class);

  private final MaskingFilter filter;
  private final JsonNode configuredSection;
  private final MaskingStateFile stateFile;
  private final MaskingStateFile.Saved loadedState;

  private MaskingFeature(
      MaskingRules rules,
      JsonNode configuredSection,
      MaskingStateFile stateFile,
      MaskingStateFile.Saved loadedState) {
    this.filter = new MaskingFilter(rules);
    this.configuredSection = configuredSection;
    this.stateFile = stateFile;
    this.loadedState = loadedState;
  }

  public static MaskingFeature from(GatehouseConfig config) {
    MaskingFeature feature = load(config);
    if (feature.loadedState != null) {
      log.info(
          "masking rules: loaded from {} (changed through the admin API by {} at {}), not from"
              + " the configuration file's masking section; reset with DELETE"
              + " /admin/masking/rules",
          feature.stateFile.path(),
          feature.loadedState.savedBy(),
          feature.loadedState.savedAt());
    }
    String clearText = feature.filter.rules().describeClearText();
    if (clearText != null) {
      // Security-relevant: these identities read customer data unmasked (the audit log does not).
      log.warn("masking: responses are sent in CLEAR TEXT to {}", clearText);
    }
    return feature;
  }

  /** Validation only, for {@code config check} (the saved state too: it is what would start). */
  public static void check(GatehouseConfig config) {
    load(config);
  }

  private static MaskingFeature load(GatehouseConfig config) {
    JsonNode section = config.section("masking");
    MaskingStateFile stateFile = new MaskingStateFile(AdminSettings.from(config).stateDir());
    MaskingStateFile.Saved saved;
    try {
      saved = stateFile.read();
    } catch (IOException e) {
      throw new ConfigException(
          "/admin/stateDir",
          "cannot read the saved masking rules "
              + stateFile.path()
              + ": "
              + e.getMessage()
              + " (fix or remove the file to use the configuration file's rules)");
    }
    if (saved == null) {
      return new MaskingFeature(configuredRules(section), section, stateFile, null);
    }
    try {
      return new MaskingFeature(MaskingRules.fromJson(saved.masking()), section, stateFile, saved);
    } catch (MaskingConfigException e) {
      throw new ConfigException(
          "/admin/stateDir",
          "the saved masking rules in " + stateFile.path() + " are invalid: " + e.getMessage());
    }
  }

  /**
   * The rules of the configuration file's section (every default when it is absent).
   *
   * @throws ConfigException naming {@code /masking} when they are invalid
   */
  private static MaskingRules configuredRules(JsonNode section) {
    if (section.isMissingNode()) {
      return MaskingRules.defaults();
    }
    try {
      return MaskingRules.fromJson(section);
    } catch (MaskingConfigException e) {
      throw new ConfigException("/masking", e.getMessage());
    }
  }

  /**
   * The response filter in the MASK slot, and argument masking (rules with {@code direction:
   * request|both}) last in the request chain, so guardrails and approvers still see what the client
   * really sent while the upstream never does.
   */
  public void register(FilterChain.Builder chain) {
    chain
        .response(ResponseSlot.MASK, "masking", filter)
        .request(RequestSlot.APPROVAL, "mask-arguments", new MaskingRequestFilter(filter));
  }

  public MaskingFilter filter() {
    return filter;
  }

  /**
   * The configuration file's rules, parsed again now (a {@code hash_key} reference is resolved
   * afresh), for a reset to them.
   *
   * @throws MaskingConfigException when they no longer parse (e.g. the key's variable is gone)
   */
  public MaskingRules configuredRules() {
    return MaskingRules.fromJson(configuredSection.isMissingNode() ? null : configuredSection);
  }

  /** Where admin changes are saved. */
  public MaskingStateFile stateFile() {
    return stateFile;
  }

  /** The saved state the gateway started with, or {@code null} when it started from the file. */
  public MaskingStateFile.Saved loadedState() {
    return loadedState;
  }
}
