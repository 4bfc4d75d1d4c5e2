package io.samsa.client.internals.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.ByteBuffer;

/**
 * The last handler of a client channel: hands each response frame to its {@link BrokerConnection}
 * and reports the channel's end.
 *
 * <p>Frames are copied once into a heap buffer of exactly their size, as Kafka's client reads each
 * response into its own buffer: decoded responses (record sets included) may then outlive the
 * socket buffer, which {@link SimpleChannelInboundHandler} releases after {@link #channelRead0}.
 *
 * <p>Runs on the channel's event loop; one instance per channel.
 */
final class ResponseFrameHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final BrokerConnection connection;

    ResponseFrameHandler(BrokerConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
        frame.readBytes(copy);
        connection.onFrame(ctx.channel(), copy.flip());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.onChannelLost(ctx.channel(), null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.onChannelLost(ctx.channel(), cause);
        ctx.close();
    }
}
