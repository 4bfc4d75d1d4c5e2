package io.samsa.metadata.image;

import java.util.Objects;

/**
 * One listener a broker advertised at registration: where clients (or other brokers) reach it.
 *
 * @param listenerName     the listener's name, e.g. {@code PLAINTEXT}
 * @param host             the advertised host
 * @param port             the advertised port
 * @param securityProtocol e.g. {@code PLAINTEXT}
 */
public record Endpoint(String listenerName, String host, int port, String securityProtocol) {
    public Endpoint {
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(securityProtocol, "securityProtocol");
    }
}
