package io.samsa.coordinator.group;

import com.google.protobuf.ByteString;
import java.util.Objects;

/**
 * One protocol a classic-group member supports (for consumers: an assignor name such as "range")
 * and the member's opaque metadata for it (for consumers: the subscription). Immutable; thread-safe.
 *
 * @param name     the protocol name
 * @param metadata the member's metadata for it; never null, may be empty
 */
public record MemberProtocol(String name, ByteString metadata) {
    public MemberProtocol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
    }
}
