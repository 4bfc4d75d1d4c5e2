package io.samsa.client.internals.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.samsa.client.common.Node;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.NetworkException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.protocol.header.Frames;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.DecodeLimits;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection to one broker node and the requests bound for it.
 *
 * <pre>
 *  DISCONNECTED --send--> CONNECTING --tcp up--> HANDSHAKING --ApiVersions ok--> READY
 *        ^                     |                      |                            |
 *        +------ failure, timeout of an in-flight request, bad frame, close -------+
 * </pre>
 *
 * Requests wait in {@code waiting} until the connection is READY and fewer than
 * max.in.flight.requests.per.connection are in flight; each is then given the highest version both
 * sides support, a correlation id, and written. Kafka answers in order on a connection, so the head
 * of {@code inFlight} must be the one answered; anything else is a protocol error and closes the
 * connection. Any loss of the connection fails every request bound for it with a retriable
 * {@link NetworkException}; an in-flight request past its deadline fails with {@link TimeoutException}
 * and takes the connection with it (later responses could no longer be matched in order).
 *
 * <p>Not thread-safe: every method runs on the network thread, which is also the channel's event loop.
 */
final class BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

    enum State { DISCONNECTED, CONNECTING, HANDSHAKING, READY, CLOSED }

    private final NetworkClient owner;
    private final NetworkConfig config;
    private final ReconnectBackoff backoff;
    private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
    private final ArrayDeque<PendingRequest> inFlight = new ArrayDeque<>();
    private Node node;
    private State state = State.DISCONNECTED;
    private Channel channel;
    private NodeApiVersions apiVersions;
    private boolean reconnectScheduled;
    private long lastActivityMs;

    BrokerConnection(NetworkClient owner, Node node, NetworkConfig config) {
        this.owner = owner;
        this.node = node;
        this.config = config;
        this.backoff = new ReconnectBackoff(config.reconnectBackoffMs(), config.reconnectBackoffMaxMs());
    }

    State state() {
        return state;
    }

    NodeApiVersions apiVersions() {
        return apiVersions;
    }

    int inFlightCount() {
        return inFlight.size() + waiting.size();
    }

    long connectionDelayMs(long nowMs) {
        return state == State.DISCONNECTED ? backoff.remainingMs(nowMs) : 0;
    }

    /** Adopts a new address for the node id; an open connection to the old address is closed. */
    void updateAddress(Node newNode) {
        if (!newNode.host().equals(node.host()) || newNode.port() != node.port()) {
            node = newNode;
            if (state != State.DISCONNECTED && state != State.CLOSED) {
                disconnect(new NetworkException("node " + node.id() + " moved to " + node.host() + ":" + node.port()));
            }
        }
    }

    void enqueue(PendingRequest request, long nowMs) {
        if (state == State.CLOSED) {
            request.future.completeExceptionally(new NetworkException("the network client is closed"));
            return;
        }
        if (waiting.size() >= config.maxPendingPerConnection()) {
            request.future.completeExceptionally(new KafkaException("more than " + config.maxPendingPerConnection()
                + " requests waiting for node " + node.id() + " (" + NetworkConfig.MAX_PENDING_CONFIG + ")"));
            return;
        }
        waiting.add(request);
        lastActivityMs = nowMs;
        if (state == State.DISCONNECTED) {
            connectWhenAllowed(nowMs);
        } else {
            drain();
        }
    }

    private void connectWhenAllowed(long nowMs) {
        long delayMs = backoff.remainingMs(nowMs);
        if (delayMs <= 0) {
            connect();
        } else if (!reconnectScheduled) {
            reconnectScheduled = true;
            owner.schedule(() -> {
                reconnectScheduled = false;
                if (state == State.DISCONNECTED && !waiting.isEmpty()) {
                    connectWhenAllowed(owner.nowMs());
                }
            }, delayMs);
        }
    }

    private void connect() {
        state = State.CONNECTING;
        Bootstrap bootstrap = owner.bootstrap(this);
        ChannelFuture connecting = bootstrap.connect(node.host(), node.port());
        channel = connecting.channel();
        Channel attempt = channel;
        connecting.addListener(done -> {
            if (attempt != channel) {
                return;
            }
            if (done.isSuccess()) {
                state = State.HANDSHAKING;
                sendApiVersions(ApiVersionsHandshake.firstVersion());
            } else {
                disconnect(new NetworkException("cannot connect to node " + node.id() + " at " + node.host() + ":"
                    + node.port() + ": " + done.cause(), done.cause()));
            }
        });
    }

    private void sendApiVersions(short version) {
        PendingRequest handshake = new PendingRequest(ClientRequest.of(ApiVersionsHandshake.request(version)),
            new java.util.concurrent.CompletableFuture<>(), owner.nowMs() + config.requestTimeoutMs());
        handshake.handshake = true;
        write(handshake, version);
    }

    private void write(PendingRequest request, short version) {
        request.version = version;
        request.correlationId = owner.nextCorrelationId();
        ApiMessage body = request.request.builder().apply(version);
        RequestHeader header = new RequestHeader(request.request.type().apiKey(), version, request.correlationId, config.clientId());
        ByteBuffer frame = Frames.encodeRequest(header, body);
        boolean answered = request.request.expectsResponse();
        if (answered) {
            inFlight.add(request);
        }
        Channel target = channel;
        target.writeAndFlush(Unpooled.wrappedBuffer(frame)).addListener(done -> {
            if (!done.isSuccess()) {
                if (!answered) {
                    request.future.completeExceptionally(new NetworkException("write to node " + node.id() + " failed", done.cause()));
                }
                if (target == channel) {
                    disconnect(new NetworkException("write to node " + node.id() + " failed: " + done.cause(), done.cause()));
                }
            } else if (!answered) {
                request.future.complete(null);
            }
        });
    }

    /** Sends waiting requests while the connection is ready and has free in-flight slots. */
    private void drain() {
        while (state == State.READY && inFlight.size() < config.maxInFlightPerConnection() && !waiting.isEmpty()) {
            PendingRequest next = waiting.poll();
            if (next.future.isDone()) {
                continue;
            }
            short version;
            try {
                version = apiVersions.latestUsableVersion(next.request.type(), next.request.minVersion(), next.request.maxVersion());
                write(next, version);
            } catch (RuntimeException e) {
                inFlight.remove(next);
                next.future.completeExceptionally(e);
            }
        }
    }

    /** A whole response frame (size prefix removed) from {@code from}; owned by this method. */
    void onFrame(Channel from, ByteBuffer frame) {
        if (from != channel) {
            return;
        }
        PendingRequest head = inFlight.peek();
        int correlationId = frame.remaining() >= 4 ? frame.getInt(frame.position()) : -1;
        if (head == null || head.correlationId != correlationId) {
            disconnect(new NetworkException("node " + node.id() + " answered correlation id " + correlationId
                + " but " + (head == null ? "nothing" : head.correlationId) + " was expected"));
            return;
        }
        inFlight.poll();
        lastActivityMs = owner.nowMs();
        if (head.handshake) {
            onHandshakeResponse(frame, head.version);
            return;
        }
        ApiMessage body;
        try {
            body = Frames.decodeResponse(frame, head.request.type().apiKey(), head.version, DecodeLimits.DEFAULT).body();
        } catch (RuntimeException e) {
            head.future.completeExceptionally(new KafkaException("unparseable " + head.request.type().displayName()
                + " v" + head.version + " response from node " + node.id(), e));
            disconnect(new NetworkException("unparseable response from node " + node.id(), e));
            return;
        }
        head.future.complete(body);
        drain();
    }

    private void onHandshakeResponse(ByteBuffer frame, short sentVersion) {
        ByteBuffer body = frame.duplicate();
        body.position(body.position() + 4);
        ApiVersionsHandshake.Outcome outcome = ApiVersionsHandshake.onResponse(body, sentVersion);
        if (outcome instanceof ApiVersionsHandshake.Ready ready) {
            apiVersions = ready.versions();
            state = State.READY;
            backoff.onSuccess();
            drain();
        } else if (outcome instanceof ApiVersionsHandshake.Retry retry) {
            LOG.debug("node {} does not support ApiVersions v{}; retrying with v{}", node.id(), sentVersion, retry.version());
            sendApiVersions(retry.version());
        } else {
            KafkaException error = ((ApiVersionsHandshake.Failed) outcome).error();
            failAll(error);
            disconnect(new NetworkException("ApiVersions handshake with node " + node.id() + " failed", error));
        }
    }

    /**
     * Fails requests past their deadline; an expired in-flight request closes the connection.
     * Futures are completed only after the queues are consistent again, because code chained on
     * them may send new requests to this very connection.
     */
    void checkTimeouts(long nowMs) {
        List<PendingRequest> expired = new ArrayList<>();
        Iterator<PendingRequest> it = waiting.iterator();
        while (it.hasNext()) {
            PendingRequest request = it.next();
            if (request.future.isDone()) {
                it.remove();
            } else if (request.expired(nowMs)) {
                it.remove();
                expired.add(request);
            }
        }
        PendingRequest expiredInFlight = null;
        for (PendingRequest request : inFlight) {
            if (request.expired(nowMs)) {
                expiredInFlight = request;
                break;
            }
        }
        if (expiredInFlight != null) {
            inFlight.remove(expiredInFlight);
            disconnect(new NetworkException("a request to node " + node.id() + " timed out; connection closed"));
            expiredInFlight.future.completeExceptionally(timeout(expiredInFlight, "waiting for its response"));
        }
        for (PendingRequest request : expired) {
            request.future.completeExceptionally(timeout(request, "while waiting to be sent"));
        }
        closeIfIdle(nowMs);
    }

    /** connections.max.idle.ms: a quiet close, without the reconnect backoff a failure costs. */
    private void closeIfIdle(long nowMs) {
        if (state == State.READY && inFlight.isEmpty() && waiting.isEmpty()
                && nowMs - lastActivityMs >= config.connectionsMaxIdleMs()) {
            Channel old = channel;
            channel = null;
            apiVersions = null;
            state = State.DISCONNECTED;
            old.close();
        }
    }

    private TimeoutException timeout(PendingRequest request, String where) {
        return new TimeoutException(request.request.type().displayName() + " request to node " + node.id()
            + " timed out " + where + " (request.timeout.ms " + config.requestTimeoutMs() + ")");
    }

    /** The channel closed or failed; ignored if it is not the current one. */
    void onChannelLost(Channel from, Throwable cause) {
        if (from == channel) {
            disconnect(new NetworkException("connection to node " + node.id() + " lost"
                + (cause == null ? "" : ": " + cause), cause));
        }
    }

    /** Closes the channel and fails every request bound for this node with {@code error}. */
    void disconnect(KafkaException error) {
        if (state == State.DISCONNECTED || state == State.CLOSED) {
            failAll(error);
            return;
        }
        Channel old = channel;
        channel = null;
        apiVersions = null;
        state = State.DISCONNECTED;
        backoff.onFailure(owner.nowMs());
        if (old != null) {
            old.close();
        }
        failAll(error);
    }

    private void failAll(KafkaException error) {
        List<PendingRequest> failed = new ArrayList<>(inFlight);
        failed.addAll(waiting);
        inFlight.clear();
        waiting.clear();
        for (PendingRequest request : failed) {
            request.future.completeExceptionally(error);
        }
    }

    void close() {
        disconnect(new NetworkException("the network client is closed"));
        state = State.CLOSED;
    }

    Node node() {
        return node;
    }
}
