package io.samsa.client.consumer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.samsa.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.samsa.protocol.message.ConsumerProtocolAssignment;
import io.samsa.protocol.message.ConsumerProtocolSubscription;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.ByteBufferWritable;
import io.samsa.protocol.types.DecodeLimits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded consumer protocol carried in JoinGroup metadata and SyncGroup assignments
 * (COMPATIBILITY.md section 5): a leading int16 version, then the body of that version. We write
 * Subscription v3 and Assignment v3; newer versions are read with the newest layout we know,
 * since readers ignore trailing fields.
 *
 * <p>Stateless; thread-safe.
 */
public final class ConsumerProtocolCodec {
    public static final short SUBSCRIPTION_VERSION = 3;
    public static final short ASSIGNMENT_VERSION = 3;

    private ConsumerProtocolCodec() {
    }

    public static byte[] encodeSubscription(Subscription subscription) {
        ConsumerProtocolSubscription message = new ConsumerProtocolSubscription()
            .setTopics(new ArrayList<>(subscription.topics()))
            .setUserData(bytesOf(subscription.userData()))
            .setOwnedPartitions(groupByTopic(subscription.ownedPartitions(), ConsumerProtocolSubscription.TopicPartition::new,
                (entry, topic, partitions) -> entry.setTopic(topic).setPartitions(partitions)))
            .setGenerationId(subscription.generationId().orElse(-1))
            .setRackId(subscription.rackId().orElse(null));
        return withVersion(message, SUBSCRIPTION_VERSION);
    }

    public static Subscription decodeSubscription(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        short version = readVersion(buffer, ConsumerProtocolSubscription.HIGHEST_SUPPORTED_VERSION);
        ConsumerProtocolSubscription message = new ConsumerProtocolSubscription(new ByteBufferReadable(buffer, DecodeLimits.DEFAULT), version);
        List<TopicPartition> owned = new ArrayList<>();
        for (ConsumerProtocolSubscription.TopicPartition topic : message.ownedPartitions()) {
            for (int partition : topic.partitions()) {
                owned.add(new TopicPartition(topic.topic(), partition));
            }
        }
        return new Subscription(message.topics(), message.userData() == null ? null : ByteBuffer.wrap(message.userData()),
            owned, message.generationId(), Optional.ofNullable(message.rackId()));
    }

    public static byte[] encodeAssignment(Assignment assignment) {
        ConsumerProtocolAssignment message = new ConsumerProtocolAssignment()
            .setAssignedPartitions(groupByTopic(assignment.partitions(), ConsumerProtocolAssignment.TopicPartition::new,
                (entry, topic, partitions) -> entry.setTopic(topic).setPartitions(partitions)))
            .setUserData(bytesOf(assignment.userData()));
        return withVersion(message, ASSIGNMENT_VERSION);
    }

    /** An empty byte array (a member the leader gave nothing) decodes as an empty assignment. */
    public static Assignment decodeAssignment(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Assignment(List.of());
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        short version = readVersion(buffer, ConsumerProtocolAssignment.HIGHEST_SUPPORTED_VERSION);
        ConsumerProtocolAssignment message = new ConsumerProtocolAssignment(new ByteBufferReadable(buffer, DecodeLimits.DEFAULT), version);
        List<TopicPartition> partitions = new ArrayList<>();
        for (ConsumerProtocolAssignment.TopicPartition topic : message.assignedPartitions()) {
            for (int partition : topic.partitions()) {
                partitions.add(new TopicPartition(topic.topic(), partition));
            }
        }
        return new Assignment(partitions, message.userData() == null ? null : ByteBuffer.wrap(message.userData()));
    }

    private static short readVersion(ByteBuffer buffer, short highestKnown) {
        if (buffer.remaining() < 2) {
            throw new IllegalArgumentException("consumer protocol payload shorter than its version");
        }
        short version = buffer.getShort();
        if (version < 0) {
            throw new IllegalArgumentException("negative consumer protocol version " + version);
        }
        return (short) Math.min(version, highestKnown);
    }

    private static byte[] withVersion(io.samsa.protocol.types.Message message, short version) {
        ByteBuffer buffer = ByteBuffer.allocate(2 + message.size(version));
        buffer.putShort(version);
        message.write(new ByteBufferWritable(buffer), version);
        return buffer.array();
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private interface EntryFiller<E> {
        void fill(E entry, String topic, List<Integer> partitions);
    }

    private static <E> List<E> groupByTopic(Collection<TopicPartition> partitions, java.util.function.Supplier<E> factory,
                                            EntryFiller<E> filler) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        List<E> result = new ArrayList<>();
        byTopic.forEach((topic, list) -> {
            E entry = factory.get();
            filler.fill(entry, topic, list);
            result.add(entry);
        });
        return result;
    }
}
