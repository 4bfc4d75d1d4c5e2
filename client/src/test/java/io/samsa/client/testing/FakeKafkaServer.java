package io.samsa.client.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.header.Frames;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ApiVersionsResponse;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.DecodeLimits;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable broker on 127.0.0.1 for network-layer tests: it answers the ApiVersions handshake by
 * itself (with ranges the test chooses, including Kafka's fallback for a too-new ApiVersions version)
 * and queues every other request for the test, which answers in any order, holds, or disconnects.
 *
 * <p>Thread-safe: the server runs on its own event loop; tests call from their thread.
 */
public final class FakeKafkaServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel serverChannel;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<RequestHeader> apiVersionsHeaders = new CopyOnWriteArrayList<>();
    private final Map<Short, short[]> ranges = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private volatile short apiVersionsMax = 4;
    private volatile boolean failApiVersions;

    /** One request the server read; answer it with {@link #respond} or drop the connection. */
    public record Received(Channel channel, RequestHeader header, ApiMessage body) {
        /** Writes the response frame for this request. */
        public void respond(ApiMessage response) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(
                Frames.encodeResponse(header.correlationId(), header.apiVersion(), response)));
        }

        public void respondWithCorrelationId(int correlationId, ApiMessage response) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(Frames.encodeResponse(correlationId, header.apiVersion(), response)));
        }

        public void disconnect() {
            channel.close();
        }
    }

    public FakeKafkaServer() {
        this(0);
    }

    /** Listens on a chosen port of 127.0.0.1 (0 for any free one). */
    public FakeKafkaServer(int port) {
        for (ApiMessageType type : ApiMessageType.values()) {
            ranges.put(type.apiKey(), new short[] {type.lowestSupportedVersion(), type.highestSupportedVersion()});
        }
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    connections.incrementAndGet();
                    channels.add(ch);
                    ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 26, 0, 4, 0, 4), new RequestHandler());
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Advertises {@code min..max} for an API (and accepts the handshake only up to the ApiVersions max). */
    public FakeKafkaServer advertise(ApiMessageType type, int min, int max) {
        ranges.put(type.apiKey(), new short[] {(short) min, (short) max});
        if (type == ApiMessageType.API_VERSIONS) {
            apiVersionsMax = (short) max;
        }
        return this;
    }

    /** Removes an API from the advertisement. */
    public FakeKafkaServer withdraw(ApiMessageType type) {
        ranges.remove(type.apiKey());
        return this;
    }

    /** Makes every ApiVersions answer carry an error other than UNSUPPORTED_VERSION. */
    public void failApiVersions(boolean fail) {
        failApiVersions = fail;
    }

    /** The next request other than ApiVersions, waiting up to {@code timeout}. */
    public Received take(Duration timeout) throws InterruptedException {
        Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no request arrived within " + timeout.toMillis() + " ms");
        }
        return next;
    }

    /**
     * The next request if one arrives within {@code window}, else null: the bounded way to check
     * that nothing is sent (an absence cannot be awaited).
     */
    public Received poll(Duration window) {
        try {
            return received.poll(window.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public int pendingRequests() {
        return received.size();
    }

    /** Headers of every ApiVersions request seen, in order. */
    public List<RequestHeader> apiVersionsHeaders() {
        return new ArrayList<>(apiVersionsHeaders);
    }

    public int connectionCount() {
        return connections.get();
    }

    /** Closes every client connection (the server keeps listening). */
    public void dropConnections() {
        channels.forEach(Channel::close);
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            ByteBuffer bytes = ByteBuffer.allocate(frame.readableBytes());
            frame.readBytes(bytes);
            bytes.flip();
            ByteBufferReadable in = new ByteBufferReadable(bytes, DecodeLimits.DEFAULT);
            RequestHeader header = RequestHeader.read(in);
            if (header.apiKey() == ApiMessageType.API_VERSIONS.apiKey()) {
                apiVersionsHeaders.add(header);
                answerApiVersions(ctx.channel(), header);
                return;
            }
            ApiMessageType type = ApiMessageType.fromApiKey(header.apiKey());
            received.add(new Received(ctx.channel(), header, type.readRequest(in, header.apiVersion())));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private void answerApiVersions(Channel channel, RequestHeader header) {
        ApiVersionsResponse response = new ApiVersionsResponse();
        List<ApiVersionsResponse.ApiVersion> keys = new ArrayList<>();
        short version = header.apiVersion();
        if (version > apiVersionsMax) {
            // Kafka's fallback: a v0-layout body, error 35, listing at least its ApiVersions range.
            keys.add(new ApiVersionsResponse.ApiVersion().setApiKey((short) 18).setMinVersion((short) 0).setMaxVersion(apiVersionsMax));
            response.setErrorCode(ErrorCode.UNSUPPORTED_VERSION.code()).setApiKeys(keys);
            channel.writeAndFlush(Unpooled.wrappedBuffer(Frames.encodeResponse(header.correlationId(), (short) 0, response)));
            return;
        }
        for (Map.Entry<Short, short[]> e : new TreeMap<>(ranges).entrySet()) {
            keys.add(new ApiVersionsResponse.ApiVersion().setApiKey(e.getKey()).setMinVersion(e.getValue()[0]).setMaxVersion(e.getValue()[1]));
        }
        response.setApiKeys(keys);
        if (failApiVersions) {
            response.setErrorCode(ErrorCode.INVALID_REQUEST.code());
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(Frames.encodeResponse(header.correlationId(), version, response)));
    }
}
