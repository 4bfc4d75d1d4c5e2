package io.samsa.coordinator.migration;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.consumer.Assignment;
import io.samsa.coordinator.consumer.TopicLookup;
import io.samsa.protocol.message.ConsumerProtocolAssignment;
import io.samsa.protocol.message.ConsumerProtocolSubscription;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.ByteBufferWritable;
import io.samsa.protocol.types.DecodeLimits;
import io.samsa.protocol.types.Message;
import io.samsa.protocol.types.Uuid;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The embedded consumer protocol as the coordinator reads and writes it during online migration:
 * a classic member's ConsumerProtocolSubscription (JoinGroup metadata) and its
 * ConsumerProtocolAssignment (SyncGroup), each an int16 version then that version's body. A newer
 * version than we know is read with the newest layout (readers ignore trailing fields), as Kafka.
 * Partitions travel by topic name here and by topic id in consumer groups; names the topic view
 * does not know, and partitions beyond a topic's count, are dropped.
 *
 * <p>Stateless; thread-safe.
 */
final class ConsumerProtocolPayloads {
    /** The assignment version written to classic members (Kafka writes the latest, 3). */
    static final short ASSIGNMENT_VERSION = 3;

    /** Caps what one embedded payload may claim, so a hostile one cannot make us allocate much. */
    private static final DecodeLimits LIMITS = new DecodeLimits(1 << 20, 1 << 20, 1 << 20);

    private ConsumerProtocolPayloads() {
    }

    /** @return the subscription, or empty when the bytes are not one */
    static Optional<ConsumerProtocolSubscription> subscription(ByteString bytes) {
        try {
            ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
            short version = version(buffer, ConsumerProtocolSubscription.HIGHEST_SUPPORTED_VERSION);
            return Optional.of(new ConsumerProtocolSubscription(new ByteBufferReadable(buffer, LIMITS), version));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the assignment; empty bytes (a member the leader gave nothing) are no partitions; empty when unreadable */
    static Optional<ConsumerProtocolAssignment> assignment(ByteString bytes) {
        if (bytes.isEmpty()) {
            return Optional.of(new ConsumerProtocolAssignment());
        }
        try {
            ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
            short version = version(buffer, ConsumerProtocolAssignment.HIGHEST_SUPPORTED_VERSION);
            return Optional.of(new ConsumerProtocolAssignment(new ByteBufferReadable(buffer, LIMITS), version));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the subscription's owned partitions by topic id */
    static Assignment owned(ConsumerProtocolSubscription subscription, TopicLookup topics) {
        Map<Uuid, Set<Integer>> byId = new TreeMap<>();
        for (ConsumerProtocolSubscription.TopicPartition owned : subscription.ownedPartitions()) {
            add(byId, topics, owned.topic(), owned.partitions());
        }
        return Assignment.of(byId);
    }

    /** @return the assignment's partitions by topic id */
    static Assignment assigned(ConsumerProtocolAssignment assignment, TopicLookup topics) {
        Map<Uuid, Set<Integer>> byId = new TreeMap<>();
        for (ConsumerProtocolAssignment.TopicPartition assigned : assignment.assignedPartitions()) {
            add(byId, topics, assigned.topic(), assigned.partitions());
        }
        return Assignment.of(byId);
    }

    /** @return {@code assignment} as ConsumerProtocolAssignment bytes, topics by name (unknown ids left out) */
    static ByteString encode(Assignment assignment, TopicLookup topics) {
        List<ConsumerProtocolAssignment.TopicPartition> entries = new ArrayList<>();
        for (Map.Entry<Uuid, SortedSet<Integer>> entry : assignment.partitions().entrySet()) {
            topics.topic(entry.getKey()).ifPresent(topic -> entries.add(new ConsumerProtocolAssignment.TopicPartition()
                    .setTopic(topic.name()).setPartitions(new ArrayList<>(entry.getValue()))));
        }
        return withVersion(new ConsumerProtocolAssignment().setAssignedPartitions(entries), ASSIGNMENT_VERSION);
    }

    private static void add(Map<Uuid, Set<Integer>> byId, TopicLookup topics, String name, List<Integer> partitions) {
        topics.topic(name).ifPresent(topic -> {
            for (int partition : partitions) {
                if (partition >= 0 && partition < topic.partitionCount()) {
                    byId.computeIfAbsent(topic.id(), id -> new TreeSet<>()).add(partition);
                }
            }
        });
    }

    private static short version(ByteBuffer buffer, short highestKnown) {
        short version = buffer.getShort();
        if (version < 0) {
            throw new IllegalArgumentException("negative consumer protocol version " + version);
        }
        return (short) Math.min(version, highestKnown);
    }

    private static ByteString withVersion(Message message, short version) {
        ByteBuffer buffer = ByteBuffer.allocate(2 + message.size(version));
        buffer.putShort(version);
        message.write(new ByteBufferWritable(buffer), version);
        return ByteString.copyFrom(buffer.flip());
    }
}
