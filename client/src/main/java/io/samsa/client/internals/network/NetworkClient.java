package io.samsa.client.internals.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.samsa.client.common.Node;
import io.samsa.client.errors.NetworkException;
import io.samsa.protocol.header.Frames;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.util.Time;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Samsa's client-side network layer: one connection per broker node, each opened with an ApiVersions
 * handshake, over which requests are sent at the highest version both sides support and answered
 * through a {@link CompletableFuture}.
 *
 * <h2>Threading</h2>
 * One Netty event-loop thread (the network thread) owns every connection and all their state.
 * Public methods may be called from any thread; they hand their work to the network thread and never
 * block. Response futures complete on the network thread, so code chained on them must not block
 * either (hop to another executor for that).
 *
 * <h2>Time</h2>
 * Deadlines are read from the injected {@link Time}. The network thread checks them every
 * {@link #TICK_MS} ms; tests with a manual clock advance it and call {@link #tick()} (or let the
 * periodic check see the new time). Tickers registered with {@link #addTicker} run on the same
 * beat, so the metadata refresher and other periodic duties need no thread of their own.
 *
 * <h2>Failures</h2>
 * A request fails with {@code NetworkException} (retriable) when its connection is lost or cannot
 * be made, {@code TimeoutException} (retriable) after request.timeout.ms, and
 * {@code UnsupportedVersionException} when the broker and this client share no version of its API.
 */
public final class NetworkClient implements AutoCloseable {
    /** How often deadlines and tickers are checked, in milliseconds. */
    public static final long TICK_MS = 10;

    private final NetworkConfig config;
    private final Time time;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Map<Integer, BrokerConnection> connections = new ConcurrentHashMap<>();
    private final List<LongConsumer> tickers = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> ticking;
    private int correlationId;
    private volatile boolean closed;

    public NetworkClient(NetworkConfig config, Time time) {
        this.config = config;
        this.time = time;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("samsa-network", true), NioIoHandler.newFactory());
        this.loop = group.next();
        this.ticking = loop.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    public NetworkConfig config() {
        return config;
    }

    public Time time() {
        return time;
    }

    /**
     * Sends a request to {@code node}, connecting first if needed.
     *
     * @return the response body; fails as described in the class comment
     */
    public CompletableFuture<ApiMessage> send(Node node, ClientRequest request) {
        return send(node, request, config.requestTimeoutMs());
    }

    /** As {@link #send(Node, ClientRequest)}, with the response cast to the type the caller expects. */
    public <R extends ApiMessage> CompletableFuture<R> send(Node node, ClientRequest request, Class<R> responseType) {
        return send(node, request).thenApply(responseType::cast);
    }

    /**
     * @param timeoutMs this request's own timeout in milliseconds (for requests the broker may hold,
     *                  such as a long-polling Fetch, callers add the hold time to request.timeout.ms)
     */
    public CompletableFuture<ApiMessage> send(Node node, ClientRequest request, long timeoutMs) {
        CompletableFuture<ApiMessage> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new NetworkException("the network client is closed"));
            return future;
        }
        long nowMs = time.milliseconds();
        PendingRequest pending = new PendingRequest(request, future, nowMs + timeoutMs);
        execute(() -> connection(node).enqueue(pending, nowMs));
        return future;
    }

    /** Runs {@code task} on the network thread (inline when already there). */
    public void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            try {
                loop.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed: every request was already failed by close()
            }
        }
    }

    /** Runs {@code task} on the network thread after {@code delayMs} real milliseconds. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return loop.schedule(task, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
    }

    /** Registers a duty run on the network thread every tick with the current time in ms. */
    public void addTicker(LongConsumer ticker) {
        tickers.add(ticker);
    }

    public boolean inNetworkThread() {
        return loop.inEventLoop();
    }

    /**
     * Checks every deadline and runs the tickers now. Safe from any thread (runs on the network thread).
     */
    public void tick() {
        if (!loop.inEventLoop()) {
            execute(this::tick);
            return;
        }
        long nowMs = time.milliseconds();
        for (BrokerConnection connection : connections.values()) {
            connection.checkTimeouts(nowMs);
        }
        for (LongConsumer ticker : tickers) {
            ticker.accept(nowMs);
        }
    }

    /** Requests waiting or in flight to a node; an estimate when read off the network thread. */
    public int inFlightCount(int nodeId) {
        BrokerConnection connection = connections.get(nodeId);
        return connection == null ? 0 : connection.inFlightCount();
    }

    /** Whether the connection to a node has finished its handshake. */
    public boolean isReady(int nodeId) {
        BrokerConnection connection = connections.get(nodeId);
        return connection != null && connection.state() == BrokerConnection.State.READY;
    }

    /** Milliseconds before a connection to the node may be attempted (reconnect backoff); 0 if now. */
    public long connectionDelayMs(int nodeId, long nowMs) {
        BrokerConnection connection = connections.get(nodeId);
        return connection == null ? 0 : connection.connectionDelayMs(nowMs);
    }

    /** The versions a node advertised, once its handshake is done. */
    public Optional<NodeApiVersions> apiVersions(int nodeId) {
        BrokerConnection connection = connections.get(nodeId);
        return Optional.ofNullable(connection == null ? null : connection.apiVersions());
    }

    /** Closes the connection to a node, failing its requests with a NetworkException. */
    public void disconnect(int nodeId) {
        execute(() -> {
            BrokerConnection connection = connections.get(nodeId);
            if (connection != null) {
                connection.disconnect(new NetworkException("disconnected from node " + nodeId + " on request"));
            }
        });
    }

    /** Closes every connection, fails what is pending, and stops the network thread (waits up to 5 s). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            ticking.cancel(false);
            connections.values().forEach(BrokerConnection::close);
            done.complete(null);
        });
        if (!loop.inEventLoop()) {
            done.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (!loop.inEventLoop()) {
            group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    long nowMs() {
        return time.milliseconds();
    }

    int nextCorrelationId() {
        correlationId = correlationId == Integer.MAX_VALUE ? 0 : correlationId + 1;
        return correlationId;
    }

    private BrokerConnection connection(Node node) {
        BrokerConnection connection = connections.computeIfAbsent(node.id(), id -> new BrokerConnection(this, node, config));
        connection.updateAddress(node);
        return connection;
    }

    Bootstrap bootstrap(BrokerConnection connection) {
        Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectionSetupTimeoutMs()))
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(
                        new LengthFieldBasedFrameDecoder(config.maxResponseBytes(), 0, Frames.SIZE_PREFIX_BYTES, 0,
                            Frames.SIZE_PREFIX_BYTES, true),
                        new ResponseFrameHandler(connection));
                }
            });
        if (config.sendBufferBytes() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, config.sendBufferBytes());
        }
        if (config.receiveBufferBytes() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes());
        }
        return bootstrap;
    }
}
