package io.samsa.broker.interbroker;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.replication.ReplicaEndpoints;
import io.samsa.protocol.types.ApiMessage;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests to other brokers' inter-broker listeners: one {@link PeerConnection} per peer,
 * opened on the first request and replaced when it was lost or the peer's registered address
 * changed (a broker restarted elsewhere). Its event loop (one thread) starts with the first
 * request, so a broker that never talks to a peer this way pays nothing.
 *
 * <p>Answers complete on that event loop: callers continue with the {@code *Async} stages and
 * never block in a callback. Thread-safe.
 */
public final class InterBrokerClient implements BrokerComponent {
    private final ReplicaEndpoints endpoints;
    private final InterBrokerSettings settings;
    private final Map<Integer, PeerConnection> peers = new HashMap<>();
    private EventLoopGroup group;
    private boolean closed;

    /** @param endpoints where each broker's inter-broker listener is (read anew on every request) */
    public InterBrokerClient(ReplicaEndpoints endpoints, InterBrokerSettings settings) {
        this.endpoints = endpoints;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "inter-broker-client";
    }

    @Override
    public void start() {
    }

    /**
     * Sends {@code request} at {@code version} to broker {@code brokerId}.
     *
     * @return the answer; fails with {@link PeerUnreachableException} when the broker has no
     *         known address, cannot be reached, or does not answer in time
     */
    public CompletableFuture<ApiMessage> send(int brokerId, ApiMessage request, short version) {
        Optional<InetSocketAddress> address = endpoints.address(brokerId);
        if (address.isEmpty()) {
            return CompletableFuture.failedFuture(new PeerUnreachableException("no inter-broker address for broker " + brokerId));
        }
        PeerConnection peer;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new PeerUnreachableException("the inter-broker client is closed"));
            }
            peer = peers.get(brokerId);
            if (peer == null || peer.isClosed() || !peer.address().equals(address.get())) {
                if (peer != null) {
                    peer.close();
                }
                peer = new PeerConnection(group(), brokerId, address.get(), settings);
                peers.put(brokerId, peer);
            }
        }
        return peer.send(request, version);
    }

    private EventLoopGroup group() {
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("samsa-inter-broker", true), NioIoHandler.newFactory());
        }
        return group;
    }

    @Override
    public void close() throws InterruptedException {
        EventLoopGroup running;
        synchronized (this) {
            closed = true;
            peers.values().forEach(PeerConnection::close);
            peers.clear();
            running = group;
        }
        if (running != null) {
            running.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
