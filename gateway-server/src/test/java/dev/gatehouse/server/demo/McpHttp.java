package dev.gatehouse.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A minimal Streamable HTTP client for tests: JDK HttpClient, JSON replies only. */
final class McpHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI endpoint;
  String sessionId;
  String protocolVersion;

  McpHttp(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** initialize with {@code version}; keeps the session id and negotiated version. */
  JsonNode initialize(String version) throws Exception {
    HttpResponse<String> r =
        post(
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s",
             "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"""
                .formatted(version));
    if (r.statusCode() != 200) {
      throw new AssertionError("initialize: " + r.statusCode() + " " + r.body());
    }
    sessionId = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
    JsonNode body = JSON.readTree(r.body());
    protocolVersion = body.path("result").path("protocolVersion").asText();
    return body;
  }

  /** Sends a JSON-RPC request and returns the parsed reply (asserting 200). */
  JsonNode request(int id, String method, String paramsJson) throws Exception {
    HttpResponse<String> r =
        post(
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\""
                + method
                + "\",\"params\":"
                + paramsJson
                + "}");
    if (r.statusCode() != 200) {
      throw new AssertionError(method + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return send(
        base()
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request to the endpoint with the MCP headers of the current session. */
  HttpRequest.Builder base() {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json, text/event-stream");
    if (sessionId != null) {
      b.header("Mcp-Session-Id", sessionId);
    }
    if (protocolVersion != null) {
      b.header("MCP-Protocol-Version", protocolVersion);
    }
    return b;
  }
}
