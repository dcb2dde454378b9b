package dev.gatehouse.server.http;

import dev.gatehouse.server.GatewayRuntime;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.function.Supplier;

/** The MCP listener's pipeline: HTTP/1.1 codec, bounded body aggregation, the request handler. */
public final class McpServerInitializer extends ChannelInitializer<SocketChannel> {
  private final Supplier<GatewayRuntime> runtime;

  public McpServerInitializer(Supplier<GatewayRuntime> runtime) {
    this.runtime = runtime;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    var http = runtime.get().config().http();
    ch.pipeline()
        .addLast("http", new HttpServerCodec(4096, http.maxHeaderBytes(), 8192))
        .addLast("aggregate", new BodyLimitAggregator(http.maxBodyBytes()))
        .addLast("mcp", new McpRequestHandler(runtime));
  }
}
