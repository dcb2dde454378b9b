package dev.gatehouse.server.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.server.demo.SampleCatalog.RpcError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's upstream: a small MCP server over Streamable HTTP that needs nothing but the JDK and
 * Jackson ({@code com.sun.net.httpserver}), so {@code gatehouse demo} runs anywhere a JDK does.
 *
 * <p>It follows the transport rules a gateway has to carry through: POST {@code /mcp} with JSON
 * replies; a {@code Mcp-Session-Id} issued on {@code initialize} and required afterwards (400
 * without it, 404 once the session is gone); 202 with no body for notifications and responses; 405
 * for GET (it offers no standalone server stream); DELETE ends the session; protocol versions
 * 2025-03-26, 2025-06-18 and 2025-11-25 negotiated as the lifecycle rules say, with JSON-RPC
 * batches for 2025-03-26 only. It never answers with SSE: the gateway's SSE path is exercised by
 * the conformance fixtures instead.
 */
public final class SampleMcpServer implements AutoCloseable {
  /** Supported protocol revisions, oldest first. */
  public static final List<String> PROTOCOL_VERSIONS =
      List.of("2025-03-26", "2025-06-18", "2025-11-25");

  public static final String LATEST_PROTOCOL_VERSION = "2025-11-25";
  public static final String PATH = "/mcp";

  private static final Logger log = LoggerFactory.getLogger(SampleMcpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** A session: the protocol version negotiated by its {@code initialize}. */
  private record Session(String id, String protocolVersion) {}

  private SampleMcpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the server on {@code host:port} ({@code port} 0 picks a free port).
   *
   * @throws IOException when the address cannot be bound
   */
  public static SampleMcpServer start(String host, int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 0);
    // One virtual thread per exchange: the handlers block on I/O and there is no pool to size.
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    SampleMcpServer sample = new SampleMcpServer(server, executor);
    server.createContext("/", sample::handle);
    server.setExecutor(executor);
    server.start();
    log.info("sample MCP server listening on {}", sample.endpoint());
    return sample;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The MCP endpoint, e.g. {@code http://127.0.0.1:41234/mcp}. */
  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort() + PATH);
  }

  /** Live sessions (for tests and the demo's status line). */
  public int sessionCount() {
    return sessions.size();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        sendError(exchange, 404, null, -32600, "Not found: the MCP endpoint is " + PATH);
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "POST" -> post(exchange);
        case "DELETE" -> delete(exchange);
        default -> {
          // GET included: this server offers no standalone server-to-client stream, which the
          // transport allows by answering 405.
          exchange.getResponseHeaders().set("Allow", "POST, DELETE");
          sendError(exchange, 405, null, -32000, "Method not allowed");
        }
      }
    } catch (RuntimeException e) {
      log.warn("sample MCP server failed on a request", e);
      throw e;
    }
  }

  private void post(HttpExchange exchange) throws IOException {
    String contentType = header(exchange, "Content-Type");
    if (contentType == null || !mediaType(contentType).equals("application/json")) {
      sendError(exchange, 415, null, -32700, "Content-Type must be application/json");
      return;
    }
    String accept = header(exchange, "Accept");
    if (accept != null && !acceptsJson(accept)) {
      sendError(exchange, 406, null, -32600, "Accept must allow application/json");
      return;
    }
    byte[] body = readBody(exchange);
    if (body == null) {
      sendError(exchange, 413, null, -32600, "Request body too large");
      return;
    }
    JsonNode message;
    try {
      message = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      sendError(exchange, 400, null, -32700, "Parse error: " + e.getOriginalMessage());
      return;
    }
    if (message == null || !(message.isObject() || message.isArray())) {
      sendError(exchange, 400, null, -32600, "Invalid Request: expected a JSON-RPC message");
      return;
    }
    if (message.isObject() && "initialize".equals(message.path("method").asText(null))) {
      initialize(exchange, message);
      return;
    }
    Session session = session(exchange);
    if (session == null) {
      return;
    }
    String headerVersion = header(exchange, "MCP-Protocol-Version");
    if (headerVersion != null && !headerVersion.equals(session.protocolVersion())) {
      sendError(
          exchange,
          400,
          null,
          -32600,
          "Bad Request: MCP-Protocol-Version "
              + headerVersion
              + " does not match the negotiated version "
              + session.protocolVersion());
      return;
    }
    if (message.isArray()) {
      batch(exchange, (ArrayNode) message, session);
      return;
    }
    JsonNode reply = process(message, session);
    if (reply == null) {
      send(exchange, 202, null);
    } else {
      send(exchange, 200, reply);
    }
  }

  private void initialize(HttpExchange exchange, JsonNode request) throws IOException {
    JsonNode id = request.get("id");
    if (id == null || id.isNull()) {
      sendError(exchange, 400, null, -32600, "Invalid Request: initialize needs an id");
      return;
    }
    String requested = request.path("params").path("protocolVersion").asText("");
    // Lifecycle rule: answer with the client's version when supported, else our latest one;
    // the client then decides whether it can continue.
    String version = PROTOCOL_VERSIONS.contains(requested) ? requested : LATEST_PROTOCOL_VERSION;
    String sessionId = newSessionId();
    sessions.put(sessionId, new Session(sessionId, version));

    ObjectNode result = JSON.createObjectNode();
    result.put("protocolVersion", version);
    ObjectNode capabilities = result.putObject("capabilities");
    capabilities.putObject("tools").put("listChanged", false);
    capabilities.putObject("resources").put("listChanged", false).put("subscribe", false);
    capabilities.putObject("prompts").put("listChanged", false);
    result.putObject("serverInfo").put("name", "gatehouse-sample").put("version", "1.0.0");
    result.put(
        "instructions",
        "Sample customer database for the Gatehouse demo. customer_lookup returns personal and"
            + " payment data; delete_record is destructive.");
    exchange.getResponseHeaders().set("Mcp-Session-Id", sessionId);
    send(exchange, 200, response(id, result));
  }

  private void delete(HttpExchange exchange) throws IOException {
    Session session = session(exchange);
    if (session == null) {
      return;
    }
    sessions.remove(session.id());
    send(exchange, 200, null);
  }

  /** The request's session, or null after answering 400 (no header) or 404 (unknown/ended). */
  private Session session(HttpExchange exchange) throws IOException {
    String id = header(exchange, "Mcp-Session-Id");
    if (id == null) {
      sendError(exchange, 400, null, -32000, "Bad Request: Mcp-Session-Id header is required");
      return null;
    }
    Session session = sessions.get(id);
    if (session == null) {
      sendError(exchange, 404, null, -32001, "Session not found");
    }
    return session;
  }

  private void batch(HttpExchange exchange, ArrayNode batch, Session session) throws IOException {
    if (!session.protocolVersion().equals("2025-03-26")) {
      sendError(
          exchange,
          400,
          null,
          -32600,
          "Invalid Request: JSON-RPC batches exist only in protocol 2025-03-26");
      return;
    }
    if (batch.isEmpty()) {
      sendError(exchange, 400, null, -32600, "Invalid Request: empty batch");
      return;
    }
    ArrayNode replies = JSON.createArrayNode();
    for (JsonNode message : batch) {
      if ("initialize".equals(message.path("method").asText(null))) {
        replies.add(error(message.get("id"), -32600, "initialize must not be part of a batch"));
        continue;
      }
      JsonNode reply = process(message, session);
      if (reply != null) {
        replies.add(reply);
      }
    }
    if (replies.isEmpty()) {
      send(exchange, 202, null);
    } else {
      send(exchange, 200, replies);
    }
  }

  /** The reply to one message, or null for notifications and responses (answered with 202). */
  private static JsonNode process(JsonNode message, Session session) {
    if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText(null))) {
      return error(message.get("id"), -32600, "Invalid Request: not a JSON-RPC 2.0 message");
    }
    JsonNode id = message.get("id");
    boolean hasMethod = message.path("method").isTextual();
    if (!hasMethod) {
      boolean isResponse = id != null && (message.has("result") || message.has("error"));
      return isResponse ? null : error(id, -32600, "Invalid Request: no method");
    }
    if (id == null) {
      return null; // a notification, e.g. notifications/initialized or notifications/cancelled
    }
    String method = message.get("method").asText();
    JsonNode params = message.path("params");
    try {
      return response(id, dispatch(method, params, session.protocolVersion()));
    } catch (RpcError e) {
      return error(id, e.code, e.getMessage());
    }
  }

  private static JsonNode dispatch(String method, JsonNode params, String version) throws RpcError {
    return switch (method) {
      case "ping" -> JSON.createObjectNode();
      case "tools/list" -> SampleCatalog.toolsList(version);
      case "tools/call" -> SampleCatalog.callTool(params, version);
      case "resources/list" -> SampleCatalog.resourcesList(version);
      case "resources/templates/list" -> {
        ObjectNode r = JSON.createObjectNode();
        r.putArray("resourceTemplates");
        yield r;
      }
      case "resources/read" -> SampleCatalog.readResource(params);
      case "prompts/list" -> SampleCatalog.promptsList(version);
      case "prompts/get" -> SampleCatalog.getPrompt(params);
      default -> throw new RpcError(-32601, "Method not found: " + method);
    };
  }

  private static ObjectNode response(JsonNode id, JsonNode result) {
    ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
    reply.set("id", id);
    reply.set("result", result);
    return reply;
  }

  private static ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
    reply.set("id", id == null ? NullNode.getInstance() : id);
    reply.putObject("error").put("code", code).put("message", message);
    return reply;
  }

  private static void sendError(
      HttpExchange exchange, int status, JsonNode id, int code, String message) throws IOException {
    send(exchange, status, error(id, code, message));
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  private static String header(HttpExchange exchange, String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }

  private static boolean acceptsJson(String accept) {
    for (String part : accept.split(",")) {
      String type = mediaType(part);
      if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) {
        return true;
      }
    }
    return false;
  }

  /** 128 random bits, hex: visible ASCII as the transport requires, and unguessable. */
  private static String newSessionId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
