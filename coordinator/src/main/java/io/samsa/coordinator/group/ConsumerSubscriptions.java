package io.samsa.coordinator.group;

import com.google.protobuf.ByteString;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The topics a classic consumer group is subscribed to, read from its members' subscriptions
 * (the metadata of the chosen protocol when the protocol type is "consumer"). Offset deletion and
 * offset expiry need it.
 *
 * <p>Only the prefix every ConsumerProtocolSubscription version shares is read:
 * <pre>
 *   int16 version | int32 topic count | count x (int16 length | UTF-8 topic name) | ... (ignored)
 * </pre>
 * (the same V0 prefix Kafka's coordinator parses, so later subscription versions need no change
 * here). Stateless; thread-safe.
 */
public final class ConsumerSubscriptions {
    /** The protocol type of consumer groups. */
    public static final String CONSUMER_PROTOCOL_TYPE = "consumer";

    private ConsumerSubscriptions() {
    }

    /**
     * @return the union of the members' subscribed topics; empty for a group with no members; absent
     *         when unknown: not a consumer group, no protocol chosen yet, or unparseable metadata
     */
    public static Optional<Set<String>> subscribedTopics(ClassicGroup group) {
        if (!CONSUMER_PROTOCOL_TYPE.equals(group.protocolType())) {
            return Optional.empty();
        }
        if (group.hasNoMembers()) {
            return Optional.of(Set.of());
        }
        if (group.protocolName() == null) {
            return Optional.empty();
        }
        Set<String> topics = new HashSet<>();
        for (ClassicGroupMember member : group.members()) {
            ByteString metadata = member.metadata(group.protocolName());
            if (metadata == null || !readTopics(metadata.asReadOnlyByteBuffer(), topics)) {
                return Optional.empty();
            }
        }
        return Optional.of(topics);
    }

    /**
     * Whether the group may be consuming {@code topic}. When the subscriptions are unknown, a
     * consumer group is assumed subscribed (so its offsets are kept) and any other group is not.
     */
    public static boolean isSubscribedToTopic(ClassicGroup group, String topic) {
        return subscribedTopics(group)
                .map(topics -> topics.contains(topic))
                .orElse(CONSUMER_PROTOCOL_TYPE.equals(group.protocolType()));
    }

    /** @return false when the bytes are not a subscription */
    private static boolean readTopics(ByteBuffer buffer, Set<String> into) {
        try {
            short version = buffer.getShort();
            if (version < 0) {
                return false;
            }
            int count = buffer.getInt();
            if (count < 0 || count > buffer.remaining() / 2) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                short length = buffer.getShort();
                if (length < 0 || length > buffer.remaining()) {
                    return false;
                }
                byte[] name = new byte[length];
                buffer.get(name);
                into.add(new String(name, StandardCharsets.UTF_8));
            }
            return true;
        } catch (BufferUnderflowException e) {
            return false;
        }
    }
}
