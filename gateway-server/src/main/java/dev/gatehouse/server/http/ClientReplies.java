package dev.gatehouse.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.JsonRpcParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** Builds the complete (non-streaming) HTTP replies the gateway sends to clients. */
public final class ClientReplies {
  private ClientReplies() {}

  /** Serializes {@code body} (may be null for none) as a complete JSON reply. */
  public static FullHttpResponse json(
      ChannelHandlerContext ctx, int status, Map<String, String> headers, JsonNode body) {
    ByteBuf content;
    if (body == null) {
      content = Unpooled.EMPTY_BUFFER;
    } else {
      try {
        content = Unpooled.wrappedBuffer(JsonRpcParser.MAPPER.writeValueAsBytes(body));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise a JSON tree", e);
      }
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(status), content);
    if (body != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    headers.forEach((k, v) -> response.headers().set(k, v));
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    return response;
  }

  /** Writes {@code response}, keeping or closing the connection as {@code keepAlive} says. */
  public static ChannelFuture write(
      ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    HttpHeaders headers = response.headers();
    if (!keepAlive) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return ctx.writeAndFlush(response);
  }

  public static HttpResponseStatus status(int code) {
    return code == 499
        ? new HttpResponseStatus(499, "Client Closed Request")
        : HttpResponseStatus.valueOf(code);
  }
}
