package dev.gatehouse.server.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A byte-level Streamable HTTP client for fault tests: it shows exactly what status, headers and
 * body the gateway produced, where an SDK client would hide them behind an exception.
 */
public final class RawMcp {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String PROTOCOL_VERSION = "2025-11-25";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI endpoint;
  private String sessionId;

  public RawMcp(String endpoint) {
    this.endpoint = URI.create(endpoint);
  }

  public String sessionId() {
    return sessionId;
  }

  /** Uses {@code id} as the session from now on (to replay a stale one). */
  public RawMcp withSession(String id) {
    this.sessionId = id;
    return this;
  }

  /** initialize + notifications/initialized; keeps the session id. */
  public void initialize() {
    sessionId = null;
    Reply init =
        post(
            """
            {"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"%s",
             "capabilities":{},"clientInfo":{"name":"gatehouse-e2e-raw","version":"1"}}}"""
                .formatted(PROTOCOL_VERSION));
    if (init.status() != 200 || init.response("init").path("result").isMissingNode()) {
      throw new AssertionError("initialize failed: " + init);
    }
    sessionId =
        init.headers()
            .firstValue("mcp-session-id")
            .orElseThrow(() -> new AssertionError("no Mcp-Session-Id: " + init));
    Reply initialized = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    if (initialized.status() != 202) {
      throw new AssertionError("notifications/initialized: " + initialized);
    }
  }

  /** tools/call {@code name} with {@code argumentsJson}; a progress token when not null. */
  public Reply callTool(Object id, String name, String argumentsJson, String progressToken) {
    String meta =
        progressToken == null ? "" : ",\"_meta\":{\"progressToken\":\"" + progressToken + "\"}";
    return post(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + JSON.valueToTree(id)
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + name
            + "\",\"arguments\":"
            + argumentsJson
            + meta
            + "}}");
  }

  /** POSTs one JSON-RPC message with the session headers and waits for the whole reply. */
  public Reply post(String body) {
    return post(body, Map.of());
  }

  /** As {@link #post(String)}, with extra request headers (e.g. a foreign {@code Origin}). */
  public Reply post(String body, Map<String, String> extraHeaders) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", PROTOCOL_VERSION)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (sessionId != null) {
      request.header("Mcp-Session-Id", sessionId);
    }
    extraHeaders.forEach(request::header);
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + endpoint + " failed: " + body, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Opens the session's standalone GET stream; the caller reads (and closes) the body as it
   * arrives.
   */
  public HttpResponse<InputStream> openGetStream() {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Accept", "text/event-stream")
            .header("MCP-Protocol-Version", PROTOCOL_VERSION)
            .GET();
    if (sessionId != null) {
      request.header("Mcp-Session-Id", sessionId);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + endpoint + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * A complete HTTP reply.
   *
   * @param status HTTP status
   * @param headers response headers
   * @param body the body, whole (an SSE stream that has ended)
   */
  public record Reply(int status, HttpHeaders headers, String body) {

    public boolean isSse() {
      return headers.firstValue("content-type").orElse("").startsWith("text/event-stream");
    }

    /**
     * The JSON-RPC messages of the reply, in order: the SSE events' data (events with empty data,
     * such as priming events, are skipped) or the JSON body.
     */
    public List<JsonNode> messages() {
      List<JsonNode> messages = new ArrayList<>();
      try {
        if (!isSse()) {
          if (!body.isBlank()) {
            messages.add(JSON.readTree(body));
          }
          return messages;
        }
        StringBuilder data = new StringBuilder();
        for (String line : (body + "\n\n").split("\r\n|\r|\n", -1)) {
          if (line.isEmpty()) {
            if (!data.isEmpty()) {
              messages.add(JSON.readTree(data.toString()));
              data.setLength(0);
            }
          } else if (line.startsWith("data:")) {
            if (!data.isEmpty()) {
              data.append('\n');
            }
            String value = line.substring(5);
            data.append(value.startsWith(" ") ? value.substring(1) : value);
          }
        }
      } catch (IOException e) {
        throw new AssertionError("reply is not JSON-RPC: " + this, e);
      }
      return messages;
    }

    /** The response (result or error) for request {@code id}, or a missing node. */
    public JsonNode response(Object id) {
      JsonNode wanted = JSON.valueToTree(id);
      return messages().stream()
          .filter(m -> m.path("id").equals(wanted) && !m.has("method"))
          .findFirst()
          .orElse(JSON.missingNode());
    }

    /** The text of the first content block of a tools/call result for {@code id}. */
    public String toolText(Object id) {
      return response(id).path("result").path("content").path(0).path("text").asText(null);
    }

    @Override
    public String toString() {
      return status + " " + headers.map() + "\n" + body;
    }
  }
}
