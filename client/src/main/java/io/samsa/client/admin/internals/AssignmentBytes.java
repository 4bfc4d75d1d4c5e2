package io.samsa.client.admin.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.protocol.message.ConsumerProtocolAssignment;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.DecodeLimits;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the partitions out of a consumer-protocol Assignment (the bytes a DescribeGroups member
 * carries): {@code version int16} then the body. A version newer than this client knows is read
 * with the newest layout it knows, as readers ignore trailing fields (COMPATIBILITY.md section 5).
 *
 * <p>Stateless; thread-safe.
 */
final class AssignmentBytes {
    private AssignmentBytes() {
    }

    /** The assigned partitions; empty for empty bytes (a member between rebalance phases). */
    static Set<TopicPartition> partitions(byte[] bytes) {
        Set<TopicPartition> result = new HashSet<>();
        if (bytes == null || bytes.length < 2) {
            return result;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        short version = (short) Math.min(buffer.getShort(), ConsumerProtocolAssignment.HIGHEST_SUPPORTED_VERSION);
        if (version < 0) {
            throw new IllegalArgumentException("negative consumer protocol assignment version " + version);
        }
        ConsumerProtocolAssignment assignment = new ConsumerProtocolAssignment(new ByteBufferReadable(buffer, DecodeLimits.DEFAULT), version);
        for (ConsumerProtocolAssignment.TopicPartition topic : assignment.assignedPartitions()) {
            for (int partition : topic.partitions()) {
                result.add(new TopicPartition(topic.topic(), partition));
            }
        }
        return result;
    }
}
