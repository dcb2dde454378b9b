package dev.gatehouse.policy.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RFC 9728 OAuth 2.0 Protected Resource Metadata for the gateway's MCP endpoints, so that standard
 * MCP clients discover which authorization server to log in with.
 *
 * <p>For a gateway at {@code https://gw.example.com}, connection {@code github} is the resource
 * {@code https://gw.example.com/mcp/github} and its metadata lives at {@code
 * https://gw.example.com/.well-known/oauth-protected-resource/mcp/github} (the well-known segment
 * goes between host and path, RFC 9728 section 3.1).
 */
public final class ProtectedResourceMetadata {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
  static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

  private ProtectedResourceMetadata() {}

  /** The resource identifier of {@code connection}, or of the gateway when it is null. */
  public static String resourceUrl(URI publicUrl, String connection) {
    return origin(publicUrl) + resourcePath(publicUrl, connection);
  }

  /** Where the metadata of {@code connection} (or the root form when null) is served. */
  public static String metadataUrl(URI publicUrl, String connection) {
    return origin(publicUrl) + WELL_KNOWN + resourcePath(publicUrl, connection);
  }

  /**
   * The metadata document.
   *
   * @param publicUrl the gateway's public base URL
   * @param connection the connection, or {@code null} for the root form
   * @param issuers the authorization servers (issuer identifiers)
   * @param scopes scopes to advertise; omitted when empty
   */
  public static ObjectNode json(
      URI publicUrl, String connection, List<String> issuers, List<String> scopes) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("resource", resourceUrl(publicUrl, connection));
    ArrayNode servers = doc.putArray("authorization_servers");
    issuers.forEach(servers::add);
    if (!scopes.isEmpty()) {
      ArrayNode supported = doc.putArray("scopes_supported");
      scopes.forEach(supported::add);
    }
    // Tokens are only ever accepted in the Authorization header, never in a query or body.
    doc.putArray("bearer_methods_supported").add("header");
    doc.put(
        "resource_name", connection == null ? "Gatehouse MCP gateway" : "MCP server " + connection);
    return doc;
  }

  private static String origin(URI publicUrl) {
    String scheme = publicUrl.getScheme();
    String authority = publicUrl.getRawAuthority();
    if (scheme == null || authority == null) {
      throw new IllegalArgumentException("public URL must be absolute: " + publicUrl);
    }
    return scheme + "://" + authority;
  }

  private static String resourcePath(URI publicUrl, String connection) {
    String base = publicUrl.getRawPath() == null ? "" : publicUrl.getRawPath();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (connection == null) {
      return base;
    }
    if (!SEGMENT.matcher(connection).matches()) {
      throw new IllegalArgumentException("connection name is not a plain path segment");
    }
    return base + "/mcp/" + connection;
  }
}
