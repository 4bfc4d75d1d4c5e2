package io.samsa.broker.replication.fetcher;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.samsa.protocol.header.Frames;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One non-blocking connection from a follower to a leader. Frames arrive on a Netty event loop,
 * are copied out of the pooled buffer (released there, at once) and handed to the fetcher's
 * worker; the event loop does nothing else. Sends may come from any thread.
 *
 * <p>Thread-safe. Each instance connects once; a lost connection is replaced by a new instance.
 */
final class LeaderConnection {
    private final Channel channel;

    private LeaderConnection(Channel channel) {
        this.channel = channel;
    }

    /**
     * Starts connecting; {@code onConnected} (with the connection) or {@code onClosed} runs on
     * {@code worker}, as does every received frame (its body, after the size prefix).
     *
     * @param maxFrameBytes the largest response frame accepted; a bigger one closes the connection
     */
    static void connect(EventLoopGroup group, InetSocketAddress address, int maxFrameBytes, int connectTimeoutMs,
                        Executor worker, Consumer<LeaderConnection> onConnected, Consumer<ByteBuffer> onFrame,
                        Runnable onClosed) {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, Frames.SIZE_PREFIX_BYTES,
                                0, Frames.SIZE_PREFIX_BYTES));
                        ch.pipeline().addLast(new FrameHandOff(worker, onFrame));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(address);
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                Channel channel = connecting.channel();
                channel.closeFuture().addListener(closed -> worker.execute(onClosed));
                LeaderConnection connection = new LeaderConnection(channel);
                worker.execute(() -> onConnected.accept(connection));
            } else {
                worker.execute(onClosed);
            }
        });
    }

    /** Writes a whole frame (size prefix included); the buffer is not used after the call returns. */
    void send(ByteBuffer frame) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(frame));
    }

    boolean isActive() {
        return channel.isActive();
    }

    void close() {
        channel.close();
    }

    /** Copies each frame to the heap and passes it to the worker; the pooled buffer is released on return. */
    private static final class FrameHandOff extends SimpleChannelInboundHandler<ByteBuf> {
        private final Executor worker;
        private final Consumer<ByteBuffer> onFrame;

        FrameHandOff(Executor worker, Consumer<ByteBuffer> onFrame) {
            this.worker = worker;
            this.onFrame = onFrame;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
            frame.readBytes(copy);
            copy.flip();
            worker.execute(() -> onFrame.accept(copy));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
