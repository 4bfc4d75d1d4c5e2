package io.samsa.client.internals.network;

import io.samsa.client.config.AbstractConfig;
import io.samsa.client.config.CommonClientConfigs;

/**
 * The settings of a {@link NetworkClient}, read once from a client's config. Every bound the network
 * layer enforces is here, with Kafka's key name where Kafka has one.
 *
 * @param clientId                  sent in every request header
 * @param requestTimeoutMs          how long a request may wait for its response, queueing included
 * @param reconnectBackoffMs        first wait before reconnecting to a node after a failure
 * @param reconnectBackoffMaxMs     cap of the exponential reconnect backoff
 * @param connectionSetupTimeoutMs  TCP connect timeout
 * @param maxInFlightPerConnection  requests sent and not yet answered on one connection; more wait in a queue
 * @param maxPendingPerConnection   requests waiting for a slot on one connection; more fail fast
 * @param maxResponseBytes          largest response frame accepted; a bigger one closes the connection
 * @param sendBufferBytes           SO_SNDBUF, -1 for the OS default
 * @param receiveBufferBytes        SO_RCVBUF, -1 for the OS default
 * @param connectionsMaxIdleMs      an idle connection (nothing waiting or in flight) is closed after this long
 *
 * Immutable.
 */
public record NetworkConfig(String clientId, long requestTimeoutMs, long reconnectBackoffMs, long reconnectBackoffMaxMs,
                            long connectionSetupTimeoutMs, int maxInFlightPerConnection, int maxPendingPerConnection,
                            int maxResponseBytes, int sendBufferBytes, int receiveBufferBytes, long connectionsMaxIdleMs) {

    /** Not a Kafka key: Kafka sizes response buffers from the size prefix without a bound. */
    public static final String MAX_RESPONSE_BYTES_CONFIG = "samsa.max.response.bytes";
    /** 128 MiB: above Kafka's largest default fetch (fetch.max.bytes 50 MiB) with room to spare. */
    public static final int MAX_RESPONSE_BYTES_DEFAULT = 128 * 1024 * 1024;
    public static final String MAX_IN_FLIGHT_CONFIG = "max.in.flight.requests.per.connection";
    public static final int MAX_IN_FLIGHT_DEFAULT = 5;
    public static final String MAX_PENDING_CONFIG = "samsa.max.pending.requests.per.connection";
    public static final int MAX_PENDING_DEFAULT = 10_000;

    public NetworkConfig {
        if (maxInFlightPerConnection < 1 || maxPendingPerConnection < 0 || maxResponseBytes < 64) {
            throw new IllegalArgumentException("bad network bounds: inFlight=" + maxInFlightPerConnection
                + " pending=" + maxPendingPerConnection + " maxResponseBytes=" + maxResponseBytes);
        }
        clientId = clientId == null ? "" : clientId;
    }

    /** Defaults suitable for tests and tools: Kafka's defaults for every key. */
    public static NetworkConfig defaults(String clientId) {
        return new NetworkConfig(clientId, 30_000, 50, 1_000, 10_000, MAX_IN_FLIGHT_DEFAULT, MAX_PENDING_DEFAULT,
            MAX_RESPONSE_BYTES_DEFAULT, 131_072, 65_536, 540_000);
    }

    /**
     * Reads the shared client keys. Keys a config class does not define (the in-flight bound for the
     * admin client, the Samsa-only bounds) fall back to their defaults, or to a value found among the
     * originals.
     */
    public static NetworkConfig from(AbstractConfig config) {
        return new NetworkConfig(
            config.getString(CommonClientConfigs.CLIENT_ID_CONFIG),
            config.getInt(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG),
            config.getLong(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG),
            config.getLong(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG),
            config.getLong(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG),
            intOr(config, MAX_IN_FLIGHT_CONFIG, MAX_IN_FLIGHT_DEFAULT),
            intOr(config, MAX_PENDING_CONFIG, MAX_PENDING_DEFAULT),
            intOr(config, MAX_RESPONSE_BYTES_CONFIG, MAX_RESPONSE_BYTES_DEFAULT),
            config.getInt(CommonClientConfigs.SEND_BUFFER_CONFIG),
            config.getInt(CommonClientConfigs.RECEIVE_BUFFER_CONFIG),
            config.getLong(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG));
    }

    private static int intOr(AbstractConfig config, String key, int fallback) {
        if (config.values().containsKey(key)) {
            Object value = config.values().get(key);
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
        }
        Object original = config.originals().get(key);
        return original == null ? fallback : Integer.parseInt(original.toString().trim());
    }
}
