package io.samsa.broker.network;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted connection's pipeline:
 * <pre>
 *  socket -> [idle timer] -> [idle closer] -> [RequestFrameDecoder] -> [RequestDispatcher]
 *  socket <----------------------------------------------------------- responses (size + header + parts)
 * </pre>
 * and registers the connection in the server's channel group (for shutdown).
 *
 * <p>Shared by all connections of a listener; thread-safe.
 */
final class BrokerChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final DispatcherContext dispatch;
    private final ChannelGroup connections;
    private final int maxFrameBytes;
    private final long idleTimeoutMs;

    /**
     * @param maxFrameBytes socket.request.max.bytes
     * @param idleTimeoutMs connections.max.idle.ms; 0 disables
     */
    BrokerChannelInitializer(DispatcherContext dispatch, ChannelGroup connections, int maxFrameBytes, long idleTimeoutMs) {
        this.dispatch = dispatch;
        this.connections = connections;
        this.maxFrameBytes = maxFrameBytes;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (idleTimeoutMs > 0) {
            pipeline.addLast("idle", new IdleStateHandler(0, 0, idleTimeoutMs, TimeUnit.MILLISECONDS));
            pipeline.addLast("idleCloser", IdleConnectionCloser.INSTANCE);
        }
        pipeline.addLast("frameDecoder", new RequestFrameDecoder(maxFrameBytes, dispatch.clientErrors()));
        pipeline.addLast("dispatcher", new RequestDispatcher(dispatch));
        connections.add(channel);
    }
}
