package io.samsa.broker.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.samsa.broker.api.ApiRegistry;
import io.samsa.broker.api.RequestHeaderDecoder;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.config.Endpoint;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.protocol.util.Time;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's network layer: one listening socket per configured listener, an acceptor event
 * loop, {@code num.network.threads} connection event loops, and {@code num.io.threads} handler
 * threads.
 *
 * <p>Shutdown ({@link #close}): stop accepting, stop reading on every connection, wait up to
 * {@code samsa.shutdown.timeout.ms} for requests in flight to be answered, close connections,
 * stop the event loops, stop the handler threads.
 *
 * <p>{@link #start} and {@link #close} from one thread; the accessors are thread-safe after start.
 */
public final class NetworkServer implements BrokerComponent {
    private static final Logger log = LoggerFactory.getLogger(NetworkServer.class);
    private static final long EVENT_LOOP_QUIET_PERIOD_MS = 0;
    private static final long EVENT_LOOP_SHUTDOWN_TIMEOUT_MS = 2_000;

    private final BrokerConfig config;
    private final ApiRegistry registry;
    private final RequestHeaderDecoder headerDecoder;
    private final Time time;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final ClientErrorLog clientErrors;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final List<InetSocketAddress> boundAddresses = new ArrayList<>();
    private Transport transport;
    private EventLoopGroup acceptorGroup;
    private EventLoopGroup connectionGroup;
    private ExecutorService ioExecutor;
    private ChannelGroup connections;

    public NetworkServer(BrokerConfig config, ApiRegistry registry, RequestHeaderDecoder headerDecoder, Time time) {
        this.config = config;
        this.registry = registry;
        this.headerDecoder = headerDecoder;
        this.time = time;
        this.clientErrors = new ClientErrorLog(time, config.get(BrokerConfigKeys.CLIENT_ERROR_LOG_LINES_PER_MINUTE));
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public void start() throws Exception {
        transport = Transport.select(config.get(BrokerConfigKeys.NATIVE_TRANSPORT_ENABLE));
        acceptorGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("samsa-acceptor"), transport.ioHandlerFactory());
        connectionGroup = new MultiThreadIoEventLoopGroup(config.get(BrokerConfigKeys.NUM_NETWORK_THREADS),
                new DefaultThreadFactory("samsa-network"), transport.ioHandlerFactory());
        int ioThreads = config.get(BrokerConfigKeys.NUM_IO_THREADS);
        ioExecutor = new ThreadPoolExecutor(ioThreads, ioThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("samsa-io"));
        // stayClosed: a connection accepted just before the listener closed but initialised after
        // the group was closed is closed on arrival instead of leaking.
        connections = new DefaultChannelGroup("samsa-connections", GlobalEventExecutor.INSTANCE, true);
        try {
            for (Endpoint endpoint : config.listeners()) {
                bind(endpoint);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
        log.info("Network server listening on {} ({} transport)", boundAddresses, transport);
    }

    private void bind(Endpoint endpoint) throws InterruptedException {
        DispatcherContext dispatch = new DispatcherContext(registry, headerDecoder, ioExecutor, inFlight, time,
                endpoint.listenerName(), config.get(BrokerConfigKeys.QUEUED_MAX_REQUESTS), clientErrors);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, connectionGroup)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, config.get(BrokerConfigKeys.SOCKET_LISTEN_BACKLOG_SIZE))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        config.get(BrokerConfigKeys.WRITE_BUFFER_LOW_WATER_MARK_BYTES),
                        config.get(BrokerConfigKeys.WRITE_BUFFER_HIGH_WATER_MARK_BYTES)))
                .childHandler(new BrokerChannelInitializer(dispatch, connections,
                        config.get(BrokerConfigKeys.SOCKET_REQUEST_MAX_BYTES), config.get(BrokerConfigKeys.CONNECTIONS_MAX_IDLE_MS)));
        int sendBuffer = config.get(BrokerConfigKeys.SOCKET_SEND_BUFFER_BYTES);
        int receiveBuffer = config.get(BrokerConfigKeys.SOCKET_RECEIVE_BUFFER_BYTES);
        if (sendBuffer != -1) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        if (receiveBuffer != -1) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        InetSocketAddress address = endpoint.host().isEmpty()
                ? new InetSocketAddress(endpoint.port()) : new InetSocketAddress(endpoint.host(), endpoint.port());
        Channel channel = bootstrap.bind(address).sync().channel();
        serverChannels.add(channel);
        boundAddresses.add((InetSocketAddress) channel.localAddress());
    }

    /** @return the bound address of each listener, in configuration order (real ports, also for port 0) */
    public List<InetSocketAddress> boundAddresses() {
        return List.copyOf(boundAddresses);
    }

    /** @return the transport in use */
    public Transport transport() {
        return transport;
    }

    /** @return requests read but not yet answered, over all connections */
    public int inFlightRequests() {
        return inFlight.count();
    }

    /**
     * Snapshots every open connection's flow control, each on its own event loop. Blocks; do not
     * call on an event loop.
     */
    public List<ConnectionStats> connectionStats() {
        List<Future<ConnectionStats>> futures = new ArrayList<>();
        for (Channel channel : connections) {
            RequestDispatcher dispatcher = channel.pipeline().get(RequestDispatcher.class);
            if (dispatcher != null) {
                futures.add(channel.eventLoop().submit(dispatcher::stats));
            }
        }
        List<ConnectionStats> stats = new ArrayList<>();
        for (Future<ConnectionStats> future : futures) {
            if (future.awaitUninterruptibly(EVENT_LOOP_SHUTDOWN_TIMEOUT_MS) && future.isSuccess()) {
                stats.add(future.getNow());
            }
        }
        return stats;
    }

    /** Stops the server (see the class comment). If interrupted, skips the waits but still frees everything. */
    @Override
    public void close() {
        for (Channel channel : serverChannels) {
            channel.close().awaitUninterruptibly();
        }
        serverChannels.clear();
        if (connections != null) {
            drainConnections();
            connections.close().awaitUninterruptibly(EVENT_LOOP_SHUTDOWN_TIMEOUT_MS);
        }
        shutdown(connectionGroup);
        shutdown(acceptorGroup);
        if (ioExecutor != null) {
            ioExecutor.shutdown();
            try {
                if (!ioExecutor.awaitTermination(config.get(BrokerConfigKeys.SHUTDOWN_TIMEOUT_MS), TimeUnit.MILLISECONDS)) {
                    log.warn("Request handler threads still busy at shutdown; interrupting them");
                    ioExecutor.shutdownNow();
                }
            } catch (InterruptedException e) {
                ioExecutor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops reading everywhere, waits for requests in flight to be answered, then for the answers
     * already queued in each channel to reach the socket (an empty flush completes after every
     * earlier write). Both waits share one deadline, samsa.shutdown.timeout.ms.
     */
    private void drainConnections() {
        for (Channel channel : connections) {
            RequestDispatcher dispatcher = channel.pipeline().get(RequestDispatcher.class);
            if (dispatcher != null) {
                channel.eventLoop().execute(dispatcher::stopReading);
            }
        }
        long timeoutMs = config.get(BrokerConfigKeys.SHUTDOWN_TIMEOUT_MS);
        long deadlineNs = time.nanoseconds() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            if (!inFlight.awaitIdle(timeoutMs)) {
                log.warn("{} requests still in flight after {} ms; closing their connections", inFlight.count(), timeoutMs);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while waiting for {} requests in flight; closing their connections", inFlight.count());
            return;
        }
        long remainingMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNs - time.nanoseconds()));
        if (!connections.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(remainingMs)) {
            log.warn("Responses still unsent after {} ms (clients not reading); closing their connections", timeoutMs);
        }
    }

    private static void shutdown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(EVENT_LOOP_QUIET_PERIOD_MS, EVENT_LOOP_SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(2 * EVENT_LOOP_SHUTDOWN_TIMEOUT_MS);
        }
    }
}
