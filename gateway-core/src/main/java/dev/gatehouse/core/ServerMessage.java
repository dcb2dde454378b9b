package dev.gatehouse.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC message on its way from the upstream (or from the gateway itself) to the client: a
 * JSON response body or one SSE message event. Response filters may change its content in place or
 * replace it; they never change {@code id} or {@code method}.
 */
public final class ServerMessage {
  private ObjectNode message;
  private final boolean fromGateway;
  private final int upstreamStatus;
  private final boolean httpOnly;
  private boolean changed;

  public ServerMessage(ObjectNode message, boolean fromGateway, int upstreamStatus) {
    this(message, fromGateway, upstreamStatus, false);
  }

  private ServerMessage(
      ObjectNode message, boolean fromGateway, int upstreamStatus, boolean httpOnly) {
    this.message = message;
    this.fromGateway = fromGateway;
    this.upstreamStatus = upstreamStatus;
    this.httpOnly = httpOnly;
  }

  /**
   * An outcome that carries no JSON-RPC message: a 202 for a client notification or response, a GET
   * stream opened, a DELETE. The message is an empty object so that content filters pass it through
   * untouched, while audit still records the exchange (and, in durable mode, holds the reply until
   * the record is on disk).
   */
  public static ServerMessage httpOnly(int status, boolean fromGateway) {
    return new ServerMessage(
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
        fromGateway,
        status,
        true);
  }

  /** True for {@link #httpOnly} outcomes. */
  public boolean httpOnly() {
    return httpOnly;
  }

  /**
   * The message as a tree. A filter that changes it in place must call {@link #markChanged}: an
   * unchanged message is relayed as the bytes the upstream sent (no second serialization), so a
   * change left unmarked would not reach the client.
   */
  public ObjectNode message() {
    return message;
  }

  public void replace(ObjectNode replacement) {
    this.message = replacement;
    this.changed = true;
  }

  /** Records that a filter changed {@link #message()} in place. */
  public void markChanged() {
    changed = true;
  }

  /** True once a filter changed or replaced the message. */
  public boolean changed() {
    return changed;
  }

  /** True when the gateway made this message (a refusal or an error), not the upstream. */
  public boolean fromGateway() {
    return fromGateway;
  }

  /** The upstream's HTTP status, or 0 when the upstream was never reached. */
  public int upstreamStatus() {
    return upstreamStatus;
  }

  /** The JSON-RPC method of a server request or notification, else {@code null}. */
  public String method() {
    var method = message.get("method");
    return method != null && method.isTextual() ? method.textValue() : null;
  }

  /** True for a response (result or error) rather than a request or notification. */
  public boolean isResponse() {
    return !message.has("method") && (message.has("result") || message.has("error"));
  }
}
