package io.samsa.coordinator.consumer;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Objects;

/**
 * What a consumer group keeps of a member that speaks the classic protocol (JoinGroup, SyncGroup,
 * Heartbeat) inside it, KIP-848's online migration: its session timeout and the protocols it
 * joined with, so the group can be turned back into a classic group. Kafka's
 * {@code ClassicMemberMetadata}. Immutable; thread-safe.
 *
 * @param sessionTimeoutMs the JoinGroup session timeout, in ms
 * @param protocols        the JoinGroup protocols in the member's order of preference; never empty
 */
public record ClassicMemberMetadata(int sessionTimeoutMs, List<Protocol> protocols) {

    public ClassicMemberMetadata {
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("a classic member supports at least one protocol");
        }
    }

    /** @return the names of the protocols, in order of preference */
    public List<String> protocolNames() {
        return protocols.stream().map(Protocol::name).toList();
    }

    /** @return the metadata the member sent for {@code name}, or null when it does not support it */
    public ByteString metadata(String name) {
        for (Protocol protocol : protocols) {
            if (protocol.name().equals(name)) {
                return protocol.metadata();
            }
        }
        return null;
    }

    /**
     * One protocol of a classic member: an assignor name and its ConsumerProtocolSubscription.
     *
     * @param name     the protocol (assignor) name
     * @param metadata the member's subscription bytes for it
     */
    public record Protocol(String name, ByteString metadata) {
        public Protocol {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(metadata, "metadata");
        }
    }
}
