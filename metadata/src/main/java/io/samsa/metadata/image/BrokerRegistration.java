package io.samsa.metadata.image;

import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered broker incarnation as the metadata log knows it. Immutable.
 *
 * @param id            the broker's {@code node.id}
 * @param incarnationId a random id the broker picks at each start; a new one means a new process
 * @param epoch         the broker epoch: grows with every new incarnation, cluster-wide unique
 * @param endpoints     the advertised listeners
 * @param rack          the broker's rack, if any
 * @param fenced        whether the broker may not lead or be added to an ISR
 * @param registeredOffset the metadata log index at which this registration was applied: the
 *                      broker is caught up (may be unfenced) once it has applied this far
 */
public record BrokerRegistration(int id, Uuid incarnationId, long epoch, List<Endpoint> endpoints,
                                 Optional<String> rack, boolean fenced, long registeredOffset) {
    public BrokerRegistration {
        Objects.requireNonNull(incarnationId, "incarnationId");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(rack, "rack");
    }

    /** @return this registration with the fenced flag set as given */
    public BrokerRegistration withFenced(boolean nowFenced) {
        return new BrokerRegistration(id, incarnationId, epoch, endpoints, rack, nowFenced, registeredOffset);
    }

    /** @return this registration as applied at log index {@code offset} */
    BrokerRegistration registeredAt(long offset) {
        return new BrokerRegistration(id, incarnationId, epoch, endpoints, rack, fenced, offset);
    }
}
