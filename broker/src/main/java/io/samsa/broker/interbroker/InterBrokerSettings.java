package io.samsa.broker.interbroker;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;

/**
 * How this broker talks to its peers.
 *
 * @param clientId         the client id its requests carry ({@code broker-<node.id>})
 * @param requestTimeoutMs request.timeout.ms: a request unanswered this long fails and its connection is dropped
 * @param connectTimeoutMs socket.connection.setup.timeout.ms: how long a connection may take to open
 * @param maxResponseBytes socket.request.max.bytes: the largest response frame accepted; a bigger one closes the connection
 */
public record InterBrokerSettings(String clientId, long requestTimeoutMs, int connectTimeoutMs, int maxResponseBytes) {

    public static InterBrokerSettings from(BrokerConfig config) {
        return new InterBrokerSettings("broker-" + config.nodeId(), config.get(BrokerConfigKeys.REQUEST_TIMEOUT_MS),
                config.get(BrokerConfigKeys.SOCKET_CONNECTION_SETUP_TIMEOUT_MS), config.get(BrokerConfigKeys.SOCKET_REQUEST_MAX_BYTES));
    }
}
