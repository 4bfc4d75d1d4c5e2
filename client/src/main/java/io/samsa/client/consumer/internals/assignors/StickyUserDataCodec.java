package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subscription user data of the eager {@code sticky} assignor, byte-compatible with Kafka's
 * (members of a mixed group read each other's). All integers big-endian:
 *
 * <pre>
 * v1 (written):                          v0 (read only, from old clients):
 * +---------------------------------+    the same without the trailing generation
 * | int32 topic count               |
 * | per topic:                      |
 * |   int16 name length, UTF-8 name |
 * |   int32 partition count         |
 * |   int32 partition ...           |
 * +---------------------------------+
 * | int32 generation                |
 * +---------------------------------+
 * </pre>
 *
 * Reading tries v1, then v0; data that fits neither means "owned nothing, generation -1", as in
 * Kafka, so one corrupt member cannot break the leader's assignment. Topics are written in the
 * iteration order of a hash map grouped by topic, as Kafka does, so our bytes equal Kafka's.
 *
 * <p>Stateless; thread-safe.
 */
public final class StickyUserDataCodec {
    private StickyUserDataCodec() {
    }

    /** Encodes a member's owned partitions and generation (v1). */
    public static ByteBuffer encode(List<TopicPartition> partitions, int generation) {
        Map<String, List<Integer>> byTopic = new HashMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        int size = 4 + 4;
        Map<String, byte[]> names = new HashMap<>();
        for (Map.Entry<String, List<Integer>> entry : byTopic.entrySet()) {
            byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
            names.put(entry.getKey(), name);
            size += 2 + name.length + 4 + 4 * entry.getValue().size();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(byTopic.size());
        for (Map.Entry<String, List<Integer>> entry : byTopic.entrySet()) {
            byte[] name = names.get(entry.getKey());
            buffer.putShort((short) name.length).put(name).putInt(entry.getValue().size());
            entry.getValue().forEach(buffer::putInt);
        }
        buffer.putInt(generation);
        return buffer.flip();
    }

    /** Decodes v1 or v0 user data without moving the buffer's position. */
    public static StickyMemberData decode(ByteBuffer userData) {
        try {
            ByteBuffer v1 = userData.duplicate();
            List<TopicPartition> partitions = readAssignment(v1);
            return new StickyMemberData(partitions, Optional.of(v1.getInt()));
        } catch (RuntimeException v1Failure) {
            try {
                return new StickyMemberData(readAssignment(userData.duplicate()), Optional.empty());
            } catch (RuntimeException v0Failure) {
                return new StickyMemberData(Collections.emptyList(), Optional.of(AbstractStickyAssignor.DEFAULT_GENERATION));
            }
        }
    }

    private static List<TopicPartition> readAssignment(ByteBuffer buffer) {
        int topicCount = readCount(buffer, 2 + 4);
        List<TopicPartition> partitions = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            short nameLength = buffer.getShort();
            if (nameLength < 0 || nameLength > buffer.remaining()) {
                throw new IllegalArgumentException("Bad topic name length " + nameLength);
            }
            byte[] name = new byte[nameLength];
            buffer.get(name);
            String topic = new String(name, StandardCharsets.UTF_8);
            int partitionCount = readCount(buffer, 4);
            for (int p = 0; p < partitionCount; p++) {
                partitions.add(new TopicPartition(topic, buffer.getInt()));
            }
        }
        return partitions;
    }

    /** An array length, rejected when negative or larger than the bytes left could hold. */
    private static int readCount(ByteBuffer buffer, int minElementBytes) {
        int count = buffer.getInt();
        if (count < 0 || (long) count * minElementBytes > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        return count;
    }
}
