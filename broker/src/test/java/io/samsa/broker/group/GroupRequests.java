package io.samsa.broker.group;

import io.samsa.protocol.message.HeartbeatRequest;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.message.JoinGroupRequest.JoinGroupRequestProtocol;
import io.samsa.protocol.message.OffsetCommitRequest;
import io.samsa.protocol.message.OffsetCommitRequest.OffsetCommitRequestPartition;
import io.samsa.protocol.message.OffsetCommitRequest.OffsetCommitRequestTopic;
import io.samsa.protocol.message.SyncGroupRequest;
import io.samsa.protocol.message.SyncGroupRequest.SyncGroupRequestAssignment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders for the wire requests the group tests send. Stateless. */
final class GroupRequests {
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int REBALANCE_TIMEOUT_MS = 10_000;

    private GroupRequests() {
    }

    static JoinGroupRequest join(String groupId, String memberId) {
        return new JoinGroupRequest()
                .setGroupId(groupId)
                .setMemberId(memberId)
                .setSessionTimeoutMs(SESSION_TIMEOUT_MS)
                .setRebalanceTimeoutMs(REBALANCE_TIMEOUT_MS)
                .setProtocolType("consumer")
                .setProtocols(List.of(new JoinGroupRequestProtocol()
                        .setName("range")
                        .setMetadata(("subscription-of-" + memberId).getBytes(StandardCharsets.UTF_8))));
    }

    static SyncGroupRequest sync(String groupId, String memberId, int generation, Map<String, String> assignments) {
        List<SyncGroupRequestAssignment> out = new ArrayList<>();
        assignments.forEach((member, assignment) -> out.add(new SyncGroupRequestAssignment()
                .setMemberId(member)
                .setAssignment(assignment.getBytes(StandardCharsets.UTF_8))));
        return new SyncGroupRequest().setGroupId(groupId).setMemberId(memberId).setGenerationId(generation)
                .setProtocolType("consumer").setProtocolName("range").setAssignments(out);
    }

    static HeartbeatRequest heartbeat(String groupId, String memberId, int generation) {
        return new HeartbeatRequest().setGroupId(groupId).setMemberId(memberId).setGenerationId(generation);
    }

    /** A commit of {@code offsets[i]} to partition i of {@code topic}, metadata "m" + i. */
    static OffsetCommitRequest commit(String groupId, String memberId, int generation, String topic, long... offsets) {
        List<OffsetCommitRequestPartition> partitions = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            partitions.add(new OffsetCommitRequestPartition().setPartitionIndex(i).setCommittedOffset(offsets[i])
                    .setCommittedMetadata("m" + i));
        }
        return new OffsetCommitRequest().setGroupId(groupId).setMemberId(memberId).setGenerationIdOrMemberEpoch(generation)
                .setTopics(List.of(new OffsetCommitRequestTopic().setName(topic).setPartitions(partitions)));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
