package dev.gatehouse.server.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.ServerMessage;
import dev.gatehouse.server.GatewayRuntime;
import dev.gatehouse.server.http.ClientReplies;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends a reply the gateway made itself (a refusal, an error). It still passes the response-side
 * slots, so masking sees it and audit records it (a denial is an exchange too); in durable mode it
 * leaves only once its record is on disk.
 */
public final class GatewayReplies {
  private GatewayReplies() {}

  /** Completes when the reply is written; the boolean says whether the connection stays open. */
  public static CompletionStage<Boolean> send(
      GatewayRuntime runtime,
      ChannelHandlerContext ctx,
      McpExchange exchange,
      HttpReply reply,
      boolean keepAlive) {
    ServerMessage message =
        reply.body() instanceof ObjectNode body
            ? new ServerMessage(body, true, 0)
            : ServerMessage.httpOnly(reply.status(), true);
    CompletableFuture<Boolean> written = new CompletableFuture<>();
    runtime
        .chain()
        .runResponse(exchange, message)
        .whenComplete(
            (decision, error) -> {
              HttpReply effective = reply;
              if (decision instanceof Decision.Respond respond) {
                effective = respond.reply(); // e.g. audit unavailable: 503 replaces the refusal
              }
              if (exchange.isClientGone() || !ctx.channel().isActive()) {
                written.complete(false);
                return;
              }
              var body = message.httpOnly() ? effective.body() : message.message();
              var response = ClientReplies.json(ctx, effective.status(), effective.headers(), body);
              ClientReplies.write(ctx, response, keepAlive)
                  .addListener(f -> written.complete(f.isSuccess() && keepAlive));
            });
    return written;
  }
}
