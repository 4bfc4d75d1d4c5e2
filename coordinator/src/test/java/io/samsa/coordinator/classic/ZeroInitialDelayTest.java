package io.samsa.coordinator.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.protocol.ErrorCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * group.initial.rebalance.delay.ms=0, as tests and many deployments set it: members joining a new
 * group together must not wait for the rebalance timeout, in the first rebalance or any later one.
 */
class ZeroInitialDelayTest {
    private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(GroupCoordinatorConfig.fromProperties(Map.of(
            GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "1",
            GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS, "0")));

    ZeroInitialDelayTest() {
        ctx.load(0);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void membersJoiningANewGroupTogetherAreAnsweredWithoutWaitingForTheRebalanceTimeout() {
        CompletableFuture<JoinGroupResult> a = send(ctx.service.joinGroup(
                ClassicGroupTestSupport.joinRequest("", null, (short) 3, "range")));
        CompletableFuture<JoinGroupResult> b = send(ctx.service.joinGroup(
                ClassicGroupTestSupport.joinRequest("", null, (short) 3, "range")));
        ctx.sleep(0);
        ctx.sleep(1);
        assertTrue(a.isDone() && b.isDone(), "both answered right after the zero delay, not at the rebalance timeout");
        assertEquals(ErrorCode.NONE, a.join().error());
        assertEquals(a.join().generationId(), b.join().generationId());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE,
                ctx.shard(0).groups().group(ClassicGroupTestSupport.G).state());
    }

    private <T> CompletableFuture<T> send(CompletableFuture<T> future) {
        ctx.executor.runAll();
        return GroupCoordinatorTestContext.nonBlocking(future);
    }
}
