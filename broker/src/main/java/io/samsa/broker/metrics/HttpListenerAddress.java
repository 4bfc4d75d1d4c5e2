package io.samsa.broker.metrics;

import io.samsa.broker.config.ConfigException;
import java.net.InetSocketAddress;

/** Parses {@code samsa.http.listener}: {@code host:port}, an empty host binding every interface. Stateless. */
final class HttpListenerAddress {
    private static final String KEY = io.samsa.broker.config.BrokerConfigKeys.HTTP_LISTENER.name();

    private HttpListenerAddress() {
    }

    static InetSocketAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw ConfigException.invalidValue(KEY, value, "not host:port");
        }
        String host = value.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ConfigException.invalidValue(KEY, value, "not host:port");
        }
        if (port < 0 || port > 65535) {
            throw ConfigException.invalidValue(KEY, value, "port out of range 0-65535");
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
