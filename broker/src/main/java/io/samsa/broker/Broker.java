package io.samsa.broker;

import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.api.ApiRegistry;
import io.samsa.broker.api.BasicRequestHeaderDecoder;
import io.samsa.broker.api.RequestHeaderDecoder;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.config.Endpoint;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.lifecycle.ComponentLifecycle;
import io.samsa.broker.network.NetworkServer;
import io.samsa.protocol.util.Time;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One broker, startable and stoppable in-process: the components (storage, coordinator, ...) in
 * registration order, then the network server, which starts last and closes first, so no request
 * arrives before its handler's dependencies are up or after they are gone.
 *
 * <pre>
 *  try (Broker broker = Broker.builder(BrokerConfig.of(Map.of("listeners", "PLAINTEXT://127.0.0.1:0")))
 *          .handler(myHandler)
 *          .build()
 *          .start()) {
 *      int port = broker.boundPort();
 *      ...
 *  }
 * </pre>
 *
 * <p>{@link #start} and {@link #close} from one thread; accessors are thread-safe after start.
 */
public final class Broker implements AutoCloseable {
    private final BrokerConfig config;
    private final NetworkServer network;
    private final ComponentLifecycle lifecycle;
    private final List<BrokerComponent> components;
    private boolean started;
    private boolean closed;

    private Broker(Builder builder) {
        this.config = builder.config;
        this.network = new NetworkServer(config, ApiRegistry.of(builder.handlers), builder.headerDecoder, builder.time);
        List<BrokerComponent> all = new ArrayList<>(builder.components);
        all.add(network);
        this.components = List.copyOf(all);
        this.lifecycle = new ComponentLifecycle(all);
    }

    /** @return a builder for a broker with {@code config} */
    public static Builder builder(BrokerConfig config) {
        return new Builder(config);
    }

    /**
     * Starts every component, then binds the listeners. On failure everything started is closed
     * again and the failure rethrown.
     *
     * @return this broker, for chaining
     */
    public Broker start() throws Exception {
        if (started) {
            throw new IllegalStateException("broker already started");
        }
        started = true;
        lifecycle.startAll();
        return this;
    }

    /** @return the configuration */
    public BrokerConfig config() {
        return config;
    }

    /** @return the first component of {@code type}, if the broker has one (e.g. cluster membership) */
    public <T extends BrokerComponent> java.util.Optional<T> component(Class<T> type) {
        return components.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** @return the network server (connection stats, in-flight count) */
    public NetworkServer network() {
        return network;
    }

    /** @return the bound address of each listener, in configuration order */
    public List<InetSocketAddress> boundAddresses() {
        return network.boundAddresses();
    }

    /** @return the first listener's bound port (the real one when configured as 0) */
    public int boundPort() {
        return boundAddresses().get(0).getPort();
    }

    /**
     * @return the endpoints to give clients: advertised.listeners if set, otherwise the listeners
     *         with their bound ports, and "localhost" for an all-interfaces host
     */
    public List<Endpoint> advertisedEndpoints() {
        List<String> advertised = config.get(BrokerConfigKeys.ADVERTISED_LISTENERS);
        if (advertised != null && !advertised.isEmpty()) {
            return advertised.stream().map(text -> Endpoint.parse("advertised.listeners", text)).toList();
        }
        List<Endpoint> listeners = config.listeners();
        List<InetSocketAddress> bound = boundAddresses();
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            Endpoint l = listeners.get(i);
            out.add(new Endpoint(l.listenerName(), l.host().isEmpty() ? "localhost" : l.host(), bound.get(i).getPort()));
        }
        return out;
    }

    /**
     * Stops accepting, finishes requests in flight (bounded by samsa.shutdown.timeout.ms), then
     * closes the components in reverse order. Idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lifecycle.closeAll();
        }
    }

    /** Collects what a broker is made of. Not thread-safe. */
    public static final class Builder {
        private final BrokerConfig config;
        private final List<BrokerComponent> components = new ArrayList<>();
        private final List<ApiHandler> handlers = new ArrayList<>();
        private RequestHeaderDecoder headerDecoder = BasicRequestHeaderDecoder.INSTANCE;
        private Time time = Time.SYSTEM;

        private Builder(BrokerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Adds a component; components start in the order added, before the network server. */
        public Builder component(BrokerComponent component) {
            components.add(Objects.requireNonNull(component, "component"));
            return this;
        }

        /** Adds an API handler; one per API key. */
        public Builder handler(ApiHandler handler) {
            handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Replaces the header-decoding step (default {@link BasicRequestHeaderDecoder}). */
        public Builder headerDecoder(RequestHeaderDecoder decoder) {
            this.headerDecoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /** Replaces the clock (default {@link Time#SYSTEM}). */
        public Builder time(Time time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /** @return the broker, not yet started */
        public Broker build() {
            return new Broker(this);
        }
    }
}
