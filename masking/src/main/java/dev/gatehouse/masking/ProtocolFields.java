package dev.gatehouse.masking;

import java.util.Set;

/**
 * The MCP fields masking never changes, by the position they hold in a message. Masking them would
 * break the protocol (a client must echo a cursor, a progress token or a tool name back exactly),
 * and they carry identifiers, not customer data. They are skipped only in their protocol position:
 * a {@code type} or {@code uri} field inside {@code structuredContent} is data and is masked.
 * docs/masking.md lists them with the reasons.
 */
final class ProtocolFields {
  private ProtocolFields() {}

  /** Top level of every JSON-RPC message. */
  static final Set<String> MESSAGE = Set.of("jsonrpc", "id", "method");

  /** Direct members of {@code params} and {@code result}. */
  static final Set<String> ENVELOPE =
      Set.of(
          "progressToken",
          "progress",
          "total",
          "cursor",
          "nextCursor",
          "resultType",
          "requestState",
          "protocolVersion",
          "capabilities",
          "isError",
          "ttlMs",
          "cacheScope",
          "elicitationId",
          "taskId",
          "requestId",
          "subscriptionId",
          "mode",
          "level",
          "name",
          "uri",
          "mimeType",
          "ref",
          "role",
          "model",
          "stopReason",
          "maxTokens",
          "temperature",
          "includeContext",
          "modelPreferences",
          "toolChoice",
          "action");

  /**
   * Members of content blocks ({@code content[]}, {@code contents[]}, embedded {@code resource}):
   * the discriminator, media type, resource identifier, annotations, and the ids and names of
   * tool_use / tool_result blocks in sampling.
   */
  static final Set<String> BLOCK =
      Set.of("type", "mimeType", "uri", "annotations", "size", "role", "toolUseId", "icons");

  /** Members of tools/prompts/resources list entries that clients send back or rely on. */
  static final Set<String> CATALOG_ENTRY =
      Set.of("name", "uri", "uriTemplate", "mimeType", "size", "annotations", "icons", "execution");

  /** JSON Schema keywords (inputSchema, outputSchema, requestedSchema) that are not prose. */
  static final Set<String> SCHEMA_KEYWORDS =
      Set.of("type", "$schema", "$ref", "$id", "format", "pattern", "required");

  /** {@code _meta} entries reserved by MCP. */
  static boolean isReservedMeta(String key) {
    return key.equals("progressToken") || key.startsWith("io.modelcontextprotocol/");
  }

  /** Base64 media payloads: {@code data} of image/audio blocks and every {@code blob}. */
  static boolean isMediaPayload(String key, String blockType) {
    return key.equals("blob")
        || (key.equals("data") && ("image".equals(blockType) || "audio".equals(blockType)));
  }
}
