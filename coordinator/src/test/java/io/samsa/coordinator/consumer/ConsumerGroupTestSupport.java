package io.samsa.coordinator.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Drives consumer groups through the whole coordinator on a manual clock: heartbeats as a
 * kafka-clients consumer sends them, and checks that no partition ever has two holders. Session
 * timeout 10 s, heartbeat interval 1 s.
 */
abstract class ConsumerGroupTestSupport {
    static final String GROUP = "g";
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int REBALANCE_TIMEOUT_MS = 5_000;

    final TestTopics topics = new TestTopics();

    static GroupCoordinatorConfig config(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                ConsumerGroupConfig.SESSION_TIMEOUT_MS, Integer.toString(SESSION_TIMEOUT_MS),
                ConsumerGroupConfig.HEARTBEAT_INTERVAL_MS, "1000"));
        props.putAll(extra);
        return GroupCoordinatorConfig.fromProperties(props);
    }

    GroupCoordinatorTestContext context() {
        return context(Map.of());
    }

    GroupCoordinatorTestContext context(Map<String, String> extra) {
        GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(config(extra), topics);
        ctx.load(ctx.service.partitionFor(GROUP));
        return ctx;
    }

    /** A join (epoch 0) subscribing by name. */
    static ConsumerGroupHeartbeatRequest join(String memberId, List<String> topicNames) {
        return request(memberId, 0, null, topicNames, null, Assignment.EMPTY);
    }

    static ConsumerGroupHeartbeatRequest joinStatic(String memberId, String instanceId, List<String> topicNames) {
        return request(memberId, 0, instanceId, topicNames, null, Assignment.EMPTY);
    }

    static ConsumerGroupHeartbeatRequest joinRegex(String memberId, String regex) {
        return request(memberId, 0, null, null, regex, Assignment.EMPTY);
    }

    /** A heartbeat with only the epoch and, when not null, the owned partitions. */
    static ConsumerGroupHeartbeatRequest beat(String memberId, int epoch, Assignment owned) {
        return new ConsumerGroupHeartbeatRequest(GROUP, memberId, epoch, null, null, -1, null, null, null, owned,
                "client-" + memberId, "/127.0.0.1", (short) 1);
    }

    static ConsumerGroupHeartbeatRequest request(String memberId, int epoch, String instanceId, List<String> topicNames,
                                                 String regex, Assignment owned) {
        return new ConsumerGroupHeartbeatRequest(GROUP, memberId, epoch, instanceId, null, REBALANCE_TIMEOUT_MS, topicNames,
                regex, null, owned, "client-" + memberId, "/127.0.0.1", (short) 1);
    }

    static ConsumerGroupHeartbeatResponse heartbeat(GroupCoordinatorTestContext ctx, ConsumerGroupHeartbeatRequest request) {
        ConsumerGroupHeartbeatResponse response = ctx.await(ctx.service.consumerGroupHeartbeat(request));
        assertNoPartitionHasTwoHolders(group(ctx));
        return response;
    }

    static ConsumerGroupHeartbeatResponse ok(GroupCoordinatorTestContext ctx, ConsumerGroupHeartbeatRequest request) {
        ConsumerGroupHeartbeatResponse response = heartbeat(ctx, request);
        assertEquals(ErrorCode.NONE, response.error(), () -> "heartbeat refused: " + response.errorMessage());
        return response;
    }

    static ConsumerGroup group(GroupCoordinatorTestContext ctx) {
        return ctx.shard(ctx.service.partitionFor(GROUP)).consumerGroups().group(GROUP);
    }

    static ConsumerGroupMember member(GroupCoordinatorTestContext ctx, String memberId) {
        return group(ctx).member(memberId);
    }

    /** The invariant of KIP-848's reconciliation: a partition is owned or being revoked by at most one member. */
    static void assertNoPartitionHasTwoHolders(ConsumerGroup group) {
        if (group == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (ConsumerGroupMember member : group.members()) {
            member.held().partitions().forEach((topicId, partitions) -> partitions.forEach(partition ->
                    assertTrue(seen.add(topicId + "-" + partition), "partition " + topicId + "-" + partition + " held twice")));
        }
    }

    /** @return an assignment of {@code partitions} of one topic */
    static Assignment partitions(Uuid topicId, Integer... partitions) {
        return Assignment.of(Map.of(topicId, new TreeSet<>(List.of(partitions))));
    }

    /** Heartbeats every member (each acknowledging what it was told it owns) until none changes; returns what each owns. */
    static Map<String, Assignment> settle(GroupCoordinatorTestContext ctx, Map<String, Assignment> owned) {
        for (int round = 0; round < 10; round++) {
            boolean changed = false;
            for (String memberId : new TreeSet<>(owned.keySet())) {
                ConsumerGroupMember before = member(ctx, memberId);
                ConsumerGroupHeartbeatResponse response = ok(ctx, beat(memberId, before.memberEpoch(), owned.get(memberId)));
                if (response.assignment() != null && !response.assignment().equals(owned.get(memberId))) {
                    owned.put(memberId, response.assignment());
                    changed = true;
                }
                changed |= !member(ctx, memberId).sameAssignmentAs(before);
            }
            if (!changed) {
                return new TreeMap<>(owned);
            }
        }
        throw new AssertionError("group did not settle: " + owned);
    }
}
