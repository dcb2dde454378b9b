package dev.gatehouse.core;

import java.util.List;

/** MCP protocol revisions the gateway understands, and the rules that differ between them. */
public final class ProtocolVersions {
  public static final String V2024_11_05 = "2024-11-05";
  public static final String V2025_03_26 = "2025-03-26";
  public static final String V2025_06_18 = "2025-06-18";
  public static final String V2025_11_25 = "2025-11-25";
  public static final String V2026_07_28 = "2026-07-28";

  /** Revisions accepted on the Streamable HTTP endpoint, oldest first. */
  public static final List<String> STREAMABLE_HTTP =
      List.of(V2025_03_26, V2025_06_18, V2025_11_25, V2026_07_28);

  /**
   * The spec says a server with no other way to know SHOULD assume 2025-03-26 when the header is
   * absent.
   */
  public static final String ASSUMED_WHEN_ABSENT = V2025_03_26;

  private ProtocolVersions() {}

  public static boolean isKnown(String version) {
    return STREAMABLE_HTTP.contains(version) || V2024_11_05.equals(version);
  }

  /** JSON-RPC batches exist only in 2025-03-26 (added there, removed in 2025-06-18). */
  public static boolean allowsBatch(String version) {
    return V2025_03_26.equals(version);
  }

  /** 2026-07-28 is stateless and mirrors method and name into headers. */
  public static boolean isStateless(String version) {
    return V2026_07_28.equals(version);
  }
}
