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
