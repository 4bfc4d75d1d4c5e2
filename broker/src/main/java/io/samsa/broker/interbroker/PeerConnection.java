package io.samsa.broker.interbroker;

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
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.DecodeLimits;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection to a peer broker, opened at construction: requests are written as soon as it is
 * open (pipelined, any number in flight) and answers matched by correlation id. A request
 * unanswered within {@code request.timeout.ms} fails and drops the connection (as Kafka's
 * inter-broker clients do, so a stuck peer is reconnected); a lost connection fails every request
 * in flight with {@link PeerUnreachableException}. Answers are decoded and completed on the
 * connection's event loop: callers continue with the {@code *Async} stages.
 *
 * <p>Thread-safe. A closed connection stays closed; the client opens a new one.
 */
final class PeerConnection {
    private final int brokerId;
    private final InetSocketAddress address;
    private final InterBrokerSettings settings;
    private final ChannelFuture connecting;
    private final Channel channel;
    private final Map<Integer, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger lastCorrelationId = new AtomicInteger();
    private volatile boolean closed;

    /** A request waiting for its answer. */
    private static final class InFlight {
        final short apiKey;
        final short version;
        final CompletableFuture<ApiMessage> answer = new CompletableFuture<>();
        volatile ScheduledFuture<?> timeout;

        InFlight(short apiKey, short version) {
            this.apiKey = apiKey;
            this.version = version;
        }
    }

    PeerConnection(EventLoopGroup group, int brokerId, InetSocketAddress address, InterBrokerSettings settings) {
        this.brokerId = brokerId;
        this.address = address;
        this.settings = settings;
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMs())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(settings.maxResponseBytes(), 0,
                                Frames.SIZE_PREFIX_BYTES, 0, Frames.SIZE_PREFIX_BYTES));
                        ch.pipeline().addLast(new AnswerHandler());
                    }
                });
        this.connecting = bootstrap.connect(address);
        this.channel = connecting.channel();
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                failAll("could not connect to broker " + brokerId + " at " + address + ": " + done.cause());
                channel.close();
            }
        });
        channel.closeFuture().addListener(done -> failAll("the connection to broker " + brokerId + " at " + address + " closed"));
    }

    InetSocketAddress address() {
        return address;
    }

    boolean isClosed() {
        return closed;
    }

    /** Sends {@code request} at {@code version}; the future fails with {@link PeerUnreachableException} when no answer comes. */
    CompletableFuture<ApiMessage> send(ApiMessage request, short version) {
        int correlationId = lastCorrelationId.incrementAndGet();
        InFlight sent = new InFlight(request.apiKey(), version);
        ByteBuffer frame;
        try {
            frame = Frames.encodeRequest(new RequestHeader(request.apiKey(), version, correlationId, settings.clientId()), request);
        } catch (RuntimeException e) {
            sent.answer.completeExceptionally(e);
            return sent.answer;
        }
        inFlight.put(correlationId, sent);
        if (closed) {
            // closed while this was being added: failAll may have missed it
            fail(correlationId, "the connection to broker " + brokerId + " is closed");
            return sent.answer;
        }
        sent.timeout = channel.eventLoop().schedule(() -> {
            if (inFlight.containsKey(correlationId)) {
                closed = true; // before the caller hears of it, so its next request opens a new connection
                fail(correlationId, "broker " + brokerId + " did not answer within " + settings.requestTimeoutMs() + " ms");
                channel.close();
            }
        }, settings.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                channel.writeAndFlush(Unpooled.wrappedBuffer(frame));
            }
        });
        return sent.answer;
    }

    void close() {
        channel.close();
    }

    private boolean fail(int correlationId, String why) {
        InFlight request = inFlight.remove(correlationId);
        if (request == null) {
            return false;
        }
        cancelTimeout(request);
        request.answer.completeExceptionally(new PeerUnreachableException(why));
        return true;
    }

    private void failAll(String why) {
        closed = true;
        List<Integer> ids = new ArrayList<>(inFlight.keySet());
        for (int id : ids) {
            fail(id, why);
        }
    }

    private static void cancelTimeout(InFlight request) {
        ScheduledFuture<?> timeout = request.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    /** Decodes each answer (a copy out of the pooled frame, released on return) and completes its request. */
    private final class AnswerHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
            frame.readBytes(copy);
            copy.flip();
            InFlight request = inFlight.remove(Frames.peekCorrelationId(copy));
            if (request == null) {
                return; // timed out already
            }
            cancelTimeout(request);
            try {
                request.answer.complete(Frames.decodeResponse(copy, request.apiKey, request.version, DecodeLimits.DEFAULT).body());
            } catch (RuntimeException e) {
                request.answer.completeExceptionally(e);
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
