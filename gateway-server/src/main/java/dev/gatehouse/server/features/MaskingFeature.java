package dev.gatehouse.server.features;

import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.RequestSlot;
import dev.gatehouse.core.ResponseSlot;
import dev.gatehouse.masking.MaskingConfigException;
import dev.gatehouse.masking.MaskingFilter;
import dev.gatehouse.masking.MaskingRequestFilter;
import dev.gatehouse.masking.MaskingRules;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.GatehouseConfig;

/**
 * Inline masking from the {@code masking} section (docs/masking.md). Without the section every
 * built-in detector is on for every connection: sensitive data leaving in clear text must be a
 * choice someone wrote down, never an omission. Rules live in the filter and can be swapped at run
 * time; the next message uses the new set.
 */
public final class MaskingFeature {
  private final MaskingFilter filter;

  private MaskingFeature(MaskingRules rules) {
    this.filter = new MaskingFilter(rules);
  }

  public static MaskingFeature from(GatehouseConfig config) {
    return new MaskingFeature(rules(config));
  }

  /** Validation only, for {@code config check}. */
  public static void check(GatehouseConfig config) {
    rules(config);
  }

  private static MaskingRules rules(GatehouseConfig config) {
    if (config.section("masking").isMissingNode()) {
      return MaskingRules.defaults();
    }
    try {
      return MaskingRules.fromJson(config.section("masking"));
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
}
