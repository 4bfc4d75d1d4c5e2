package io.samsa.coordinator;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.MemberProtocol;
import java.util.ArrayList;
import java.util.List;

/** Small builders for test groups and members. */
public final class TestGroups {
    private TestGroups() {
    }

    /** @param protocolNames the member's protocols in order of preference; metadata is the name's bytes */
    public static ClassicGroupMember member(String memberId, String... protocolNames) {
        return staticMember(memberId, null, protocolNames);
    }

    public static ClassicGroupMember staticMember(String memberId, String instanceId, String... protocolNames) {
        List<MemberProtocol> protocols = new ArrayList<>();
        for (String name : protocolNames) {
            protocols.add(new MemberProtocol(name, ByteString.copyFromUtf8(memberId + ":" + name)));
        }
        return new ClassicGroupMember(memberId, instanceId, "client-" + memberId, "/127.0.0.1",
                45_000, 300_000, protocols, ByteString.EMPTY);
    }

    /** @return a ConsumerProtocolSubscription v1 for {@code topics}, as a Java consumer sends it */
    public static ByteString subscription(String... topics) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        try {
            out.writeShort(1);
            out.writeInt(topics.length);
            for (String topic : topics) {
                byte[] name = topic.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeShort(name.length);
                out.write(name);
            }
            out.writeInt(-1); // user data: null
            out.writeInt(0); // owned partitions: none
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ByteString.copyFrom(bytes.toByteArray());
    }

    /** @return a consumer member whose "range" protocol subscribes to {@code topics} */
    public static ClassicGroupMember subscriber(String memberId, String... topics) {
        return new ClassicGroupMember(memberId, null, "client-" + memberId, "/127.0.0.1", 45_000, 300_000,
                List.of(new MemberProtocol("range", subscription(topics))), ByteString.EMPTY);
    }

    /** @return a Stable consumer group of generation 1 with these members, leader the first */
    public static ClassicGroup stableGroup(String groupId, long nowMs, ClassicGroupMember... members) {
        ClassicGroup group = ClassicGroup.empty(groupId, nowMs).withProtocolType("consumer");
        for (ClassicGroupMember member : members) {
            group = group.withMember(member);
        }
        group = group.transitionTo(ClassicGroupState.PREPARING_REBALANCE, nowMs).withNextGeneration(nowMs);
        List<String> ids = new ArrayList<>();
        for (ClassicGroupMember member : members) {
            ids.add(member.memberId());
        }
        java.util.Map<String, ByteString> assignments = new java.util.HashMap<>();
        for (String id : ids) {
            assignments.put(id, ByteString.copyFromUtf8("assignment-" + id));
        }
        return group.withAssignments(assignments).transitionTo(ClassicGroupState.STABLE, nowMs);
    }
}
