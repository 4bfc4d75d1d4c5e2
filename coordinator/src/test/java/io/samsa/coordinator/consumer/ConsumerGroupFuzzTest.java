package io.samsa.coordinator.consumer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of ConsumerGroupHeartbeat (KIP-848) against the real coordinator on a
 * manual clock: up to four members send up to 40 fuzzed heartbeats (joins by name or regex, static
 * or not, leaves with -1 and -2, right, stale, previous and arbitrary epochs, owned partitions that
 * are what they were told, nothing, or arbitrary) between clock advances and topic changes (new
 * partitions, new topics, deleted topics).
 *
 * <p>Invariants (an {@link AssertionError} each):
 * <ol>
 *   <li>no partition is ever held (owned or being revoked) by two members;</li>
 *   <li>the group epoch never goes down while the group exists, and no member's epoch is above it;</li>
 *   <li>no heartbeat fails inside the coordinator (UNKNOWN_SERVER_ERROR or an exception);</li>
 *   <li>a refused heartbeat changes nothing: the group is as it was;</li>
 *   <li>after a clock advance past every session timeout the group is empty.</li>
 * </ol>
 */
@Tag("jazzer")
class ConsumerGroupFuzzTest extends ConsumerGroupTestSupport {

    @FuzzTest(maxDuration = "30s")
    void heartbeatSequence(FuzzedDataProvider data) {
        TestTopics topics = new TestTopics(); // fresh per input: the fuzzer calls this method many times on one instance
        topics.create("t", 1 + data.consumeInt(0, 7));
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(config(Map.of()), topics)) {
            ctx.load(ctx.service.partitionFor(GROUP));
            Map<String, Assignment> told = new HashMap<>();
            int lastEpoch = 0;
            for (int step = 0; step < 40 && data.remainingBytes() > 0; step++) {
                switch (data.consumeInt(0, 5)) {
                    case 0 -> ctx.sleep(data.consumeLong(0, 20_000));
                    case 1 -> topics.addPartitions("t", 1 + data.consumeInt(0, 12));
                    case 2 -> {
                        String name = "t" + data.consumeInt(0, 2);
                        if (topics.topic(name).isPresent()) {
                            topics.delete(name);
                        } else {
                            topics.create(name, 1 + data.consumeInt(0, 4));
                        }
                    }
                    default -> heartbeatOnce(ctx, data, told);
                }
                ConsumerGroup group = group(ctx);
                assertNoPartitionHasTwoHolders(group);
                if (group != null) {
                    check(group.groupEpoch() >= lastEpoch, "group epoch went down");
                    lastEpoch = group.groupEpoch();
                    for (ConsumerGroupMember member : group.members()) {
                        check(member.memberEpoch() <= group.groupEpoch(), "member epoch above the group's");
                    }
                } else {
                    lastEpoch = 0;
                }
            }
            ctx.sleep(SESSION_TIMEOUT_MS + REBALANCE_TIMEOUT_MS + 1);
            ConsumerGroup group = group(ctx);
            check(group == null || group.isEmpty(), "members outlived their sessions");
        }
    }

    private static void heartbeatOnce(GroupCoordinatorTestContext ctx, FuzzedDataProvider data, Map<String, Assignment> told) {
        String memberId = "m" + data.consumeInt(0, 3);
        ConsumerGroup before = group(ctx);
        ConsumerGroupMember current = before == null ? null : before.member(memberId);
        int epoch = switch (data.consumeInt(0, 5)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> -2;
            case 3 -> current == null ? 1 : current.previousMemberEpoch();
            case 4 -> data.consumeInt(-3, 50);
            default -> current == null ? 0 : current.memberEpoch();
        };
        String instanceId = data.consumeBoolean() ? "instance-" + memberId.substring(1) : null;
        Assignment owned = switch (data.consumeInt(0, 2)) {
            case 0 -> null;
            case 1 -> told.getOrDefault(memberId, Assignment.EMPTY);
            default -> ConsumerGroupTestSupport.partitions(new Uuid(0x5A45A, 1), data.consumeInt(0, 7));
        };
        ConsumerGroupHeartbeatRequest request = epoch == 0
                ? new ConsumerGroupHeartbeatRequest(GROUP, memberId, 0, instanceId, null, REBALANCE_TIMEOUT_MS,
                        data.consumeBoolean() ? List.of("t", "t0") : null, data.consumeBoolean() ? "t[0-9]" : null, null,
                        Assignment.EMPTY, "c", "h", (short) 1)
                : new ConsumerGroupHeartbeatRequest(GROUP, memberId, epoch, instanceId, null, -1, null, null, null, owned,
                        "c", "h", (short) 1);
        Map<String, ConsumerGroupMember> membersBefore = snapshot(before);
        int epochBefore = before == null ? -1 : before.groupEpoch();
        ConsumerGroupHeartbeatResponse response = ctx.await(ctx.service.consumerGroupHeartbeat(request));
        check(response.error() != ErrorCode.UNKNOWN_SERVER_ERROR, "coordinator failure: " + response.errorMessage());
        if (response.error() == ErrorCode.NONE) {
            if (response.assignment() != null) {
                told.put(memberId, response.assignment());
            }
        } else {
            ConsumerGroup after = group(ctx);
            check(snapshot(after).equals(membersBefore) && (after == null ? -1 : after.groupEpoch()) == epochBefore,
                    "a refused heartbeat (" + response.error() + ") changed the group");
        }
    }

    private static Map<String, ConsumerGroupMember> snapshot(ConsumerGroup group) {
        Map<String, ConsumerGroupMember> members = new HashMap<>();
        if (group != null) {
            group.members().forEach(member -> members.put(member.memberId(), member));
        }
        return members;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
