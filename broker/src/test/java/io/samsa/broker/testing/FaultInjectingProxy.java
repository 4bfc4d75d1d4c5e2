package io.samsa.broker.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that multi-broker tests put between two nodes to inject network faults,
 * instead of sleeping or killing a process.
 *
 * <p>Modes, switched at any time from the test thread:
 * <ul>
 *   <li>{@link Mode#PASS}: bytes flow both ways (the start);</li>
 *   <li>{@link Mode#DROP}: connections stay open but every byte read from either side is discarded, as
 *       a network partition that loses packets looks to both ends (requests time out, nothing is
 *       refused);</li>
 *   <li>{@link Mode#REFUSE}: every open connection is closed and new ones are closed on accept, as a
 *       peer whose host is down but whose network still answers.</li>
 * </ul>
 * {@link #heal} goes back to PASS and closes every connection that lost bytes while dropping, since
 * its Kafka framing is broken; clients then reconnect.
 *
 * <p>Thread-safe. {@link #close} stops the proxy and closes every connection.
 */
public final class FaultInjectingProxy implements AutoCloseable {
    /** What the proxy does with the traffic. */
    public enum Mode { PASS, DROP, REFUSE }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final InetSocketAddress target;
    private final Channel server;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Set<Channel> broken = ConcurrentHashMap.newKeySet();
    private final AtomicLong droppedBytes = new AtomicLong();
    private volatile Mode mode = Mode.PASS;

    private FaultInjectingProxy(InetSocketAddress target) throws InterruptedException {
        this.target = target;
        this.server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel inbound) {
                    accept(inbound);
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** A proxy in {@link Mode#PASS} forwarding to {@code 127.0.0.1:targetPort}. */
    public static FaultInjectingProxy to(int targetPort) {
        try {
            return new FaultInjectingProxy(new InetSocketAddress("127.0.0.1", targetPort));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the proxy", e);
        }
    }

    /** The port to connect to instead of the target's. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public Mode mode() {
        return mode;
    }

    /** Discards all traffic from now on, keeping the connections open. */
    public void drop() {
        mode = Mode.DROP;
    }

    /** Closes every connection and refuses new ones from now on. */
    public void refuse() {
        mode = Mode.REFUSE;
        channels.forEach(Channel::close);
    }

    /** Back to {@link Mode#PASS}; connections that lost bytes are closed, so their peers reconnect. */
    public void heal() {
        mode = Mode.PASS;
        broken.forEach(Channel::close);
        broken.clear();
    }

    /** Bytes discarded in {@link Mode#DROP} so far, both directions. */
    public long droppedBytes() {
        return droppedBytes.get();
    }

    /** How many proxied socket pairs are open (both sides counted). */
    public int openChannels() {
        return channels.size();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private void accept(Channel inbound) {
        if (mode == Mode.REFUSE) {
            inbound.close();
            return;
        }
        track(inbound);
        new Bootstrap()
            .group(inbound.eventLoop())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new Relay(inbound))
            .connect(target)
            .addListener((ChannelFutureListener) connected -> {
                if (!connected.isSuccess()) {
                    inbound.close();
                    return;
                }
                Channel outbound = connected.channel();
                track(outbound);
                inbound.pipeline().addLast(new Relay(outbound));
                inbound.read();
                outbound.read();
            });
    }

    private void track(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(closed -> {
            channels.remove(channel);
            broken.remove(channel);
        });
    }

    /** Copies what one side reads to the other side, or discards it, by the proxy's mode. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Relay(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Mode now = mode;
            if (now == Mode.PASS && peer.isActive()) {
                peer.writeAndFlush(msg).addListener((ChannelFutureListener) written -> {
                    if (written.isSuccess()) {
                        ctx.channel().read();
                    } else {
                        ctx.channel().close();
                    }
                });
                return;
            }
            if (msg instanceof ByteBuf bytes) {
                droppedBytes.addAndGet(bytes.readableBytes());
            }
            ReferenceCountUtil.release(msg);
            if (now == Mode.REFUSE) {
                ctx.channel().close();
                return;
            }
            broken.add(ctx.channel());
            broken.add(peer);
            ctx.channel().read();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            peer.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.channel().close();
        }
    }
}
