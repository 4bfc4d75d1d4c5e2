package io.samsa.metadata.controller.api;

import io.samsa.metadata.image.Endpoint;
import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Optional;

/**
 * Kafka's BrokerRegistration request: a broker process announcing itself.
 *
 * @param brokerId      the broker's {@code node.id}
 * @param clusterId     the cluster id in the broker's meta.properties
 * @param incarnationId a random id the process picked at start
 * @param endpoints     its advertised listeners
 * @param rack          its rack, if any
 */
public record RegisterBrokerRequest(int brokerId, String clusterId, Uuid incarnationId, List<Endpoint> endpoints,
                                    Optional<String> rack) {
    public RegisterBrokerRequest {
        endpoints = List.copyOf(endpoints);
    }
}
